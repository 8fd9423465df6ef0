package dev.signaling.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scrapes a signaling server's {@code /metrics} (Prometheus text) once per interval while a load
 * runs, then draws the series of the Grafana dashboard (docs/ops/grafana-dashboard.json) as one
 * PNG: connections, rooms and peers; joins/s by outcome; relayed messages/s; join latency p99;
 * closes/s by code; send-queue bytes. Rates are computed between scrapes as Prometheus' {@code
 * rate()} would, and p99 from the latency histogram's bucket increments.
 */
@Command(name = "metrics-chart", mixinStandardHelpOptions = true,
    description = "Scrape a server's /metrics during a run and chart the dashboard's series as a PNG.")
public final class MetricsChart implements Callable<Integer> {
  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/metrics", description = "The /metrics URL (loopback).")
  String url;

  @Option(names = "--token", description = "Bearer token, when the server has --admin-token-file.")
  String token;

  @Option(names = "--duration", defaultValue = "30", description = "Seconds to scrape (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--interval", defaultValue = "1", description = "Seconds between scrapes (default: ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--out", required = true, description = "The PNG to write.")
  Path out;

  @Option(names = "--title", defaultValue = "Signaling server metrics", description = "Chart title.")
  String title;

  /** One scrape: seconds since the first, and each series (name plus sorted labels) with its value. */
  record Scrape(double seconds, Map<String, Double> samples) {}

  @Override
  public Integer call() throws Exception {
    if (!URI.create(url).getHost().startsWith("127.") && !URI.create(url).getHost().equals("localhost")) {
      throw new IllegalArgumentException("scrape loopback servers only, got " + url);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    List<Scrape> scrapes = new ArrayList<>();
    long start = System.nanoTime();
    int count = Math.max(2, duration / Math.max(1, interval) + 1);
    for (int i = 0; i < count; i++) {
      long due = start + Duration.ofSeconds((long) i * interval).toNanos();
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      try {
        scrapes.add(new Scrape((System.nanoTime() - start) / 1e9, parse(fetch(http))));
      } catch (IOException e) {
        System.err.println("scrape " + i + " skipped: " + e); // a loaded machine: the next one will do
      }
    }
    if (scrapes.size() < 2) {
      throw new IOException("fewer than two scrapes of " + url + " succeeded");
    }
    render(scrapes);
    System.out.println("Wrote " + out.toAbsolutePath() + " from " + scrapes.size() + " scrapes");
    return 0;
  }

  private String fetch(HttpClient http) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + ": " + response.statusCode());
    }
    return response.body();
  }

  static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    Matcher m = SAMPLE.matcher(text);
    while (m.find()) {
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
    }
    return samples;
  }

  /** The value of label {@code name} in a series key, or "". */
  static String label(String series, String name) {
    Matcher m = LABEL.matcher(series);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    return "";
  }

  private void render(List<Scrape> scrapes) throws IOException {
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds"));
    plot.setGap(12);
    plot.add(panel("open connections, peers, rooms", gauges(scrapes, series -> {
      if (series.startsWith("signaling_connections{")) {
        return label(series, "protocol") + "/" + label(series, "transport");
      }
      return series.equals("signaling_peers") ? "peers" : series.equals("signaling_rooms") ? "rooms" : null;
    })), 2);
    plot.add(panel("joins/s by outcome", rates(scrapes, series -> series.startsWith("signaling_joins_total{")
        ? label(series, "outcome") : null)), 2);
    plot.add(panel("relayed messages/s", rates(scrapes, series -> series.equals("signaling_messages_relayed_total")
        ? "messages" : null)), 2);
    plot.add(panel("join latency p99 (ms)", joinLatencyP99(scrapes)), 2);
    plot.add(panel("closes/s by code", rates(scrapes, series -> series.startsWith("signaling_closes_total{")
        ? label(series, "code") : null)), 2);
    plot.add(panel("send-queue bytes", gauges(scrapes, series -> series.equals("signaling_send_queue_bytes")
        ? "queued" : null)), 1);
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(out.toFile(), chart, 1000, 1300);
  }

  private static XYPlot panel(String name, XYSeriesCollection data) {
    NumberAxis axis = new NumberAxis(name);
    axis.setAutoRangeIncludesZero(true);
    axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  /** Gauges as they are, one line per name {@code legend} gives (null: not drawn), zero lines left out. */
  private static XYSeriesCollection gauges(List<Scrape> scrapes, Function<String, String> legend) {
    Map<String, XYSeries> lines = new TreeMap<>();
    for (Scrape scrape : scrapes) {
      scrape.samples().forEach((series, value) -> {
        String name = legend.apply(series);
        if (name != null) {
          lines.computeIfAbsent(name, XYSeries::new).add(scrape.seconds(), value);
        }
      });
    }
    return nonZero(lines);
  }

  /** Per-second increase of counters between scrapes (summed per legend name). */
  private static XYSeriesCollection rates(List<Scrape> scrapes, Function<String, String> legend) {
    Map<String, XYSeries> lines = new TreeMap<>();
    for (int i = 1; i < scrapes.size(); i++) {
      Scrape before = scrapes.get(i - 1);
      Scrape after = scrapes.get(i);
      double seconds = after.seconds() - before.seconds();
      Map<String, Double> sums = new TreeMap<>();
      after.samples().forEach((series, value) -> {
        String name = legend.apply(series);
        if (name != null) {
          double increase = Math.max(0, value - before.samples().getOrDefault(series, 0.0));
          sums.merge(name, increase / seconds, Double::sum);
        }
      });
      sums.forEach((name, rate) -> lines.computeIfAbsent(name, XYSeries::new).add(after.seconds(), rate));
    }
    return nonZero(lines);
  }

  /** The 99th percentile of the joins between scrapes: the smallest bucket bound holding 99% of them. */
  private static XYSeriesCollection joinLatencyP99(List<Scrape> scrapes) {
    XYSeries p99 = new XYSeries("p99 (bucket upper bound)");
    for (int i = 1; i < scrapes.size(); i++) {
      Map<Double, Double> byBound = new TreeMap<>();
      Scrape before = scrapes.get(i - 1);
      for (Map.Entry<String, Double> sample : scrapes.get(i).samples().entrySet()) {
        String series = sample.getKey();
        if (series.startsWith("signaling_join_latency_seconds_bucket{")) {
          String le = label(series, "le");
          double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
          byBound.merge(bound, sample.getValue() - before.samples().getOrDefault(series, 0.0), Double::sum);
        }
      }
      double total = byBound.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
      if (total <= 0) {
        continue;
      }
      for (Map.Entry<Double, Double> bucket : byBound.entrySet()) {
        if (bucket.getValue() >= 0.99 * total) {
          if (!bucket.getKey().isInfinite()) {
            p99.add(scrapes.get(i).seconds(), bucket.getKey() * 1000);
          }
          break;
        }
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    if (!p99.isEmpty()) {
      data.addSeries(p99);
    }
    return data;
  }

  private static XYSeriesCollection nonZero(Map<String, XYSeries> lines) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries series : lines.values()) {
      if (series.getMaxY() > 0) {
        data.addSeries(series);
      }
    }
    return data;
  }
}
