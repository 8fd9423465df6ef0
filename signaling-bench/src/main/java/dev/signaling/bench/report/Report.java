package dev.signaling.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a comparison's result files ({@code r<round>-<server>-<test>.json}, as compare.sh writes
 * them), prints each round and the median, the ratios the targets are stated in, writes them as
 * Markdown, and draws round-trip latency against offered load as a PNG.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Summarises a compare.sh results directory: figures per round, ratios, RTT-vs-load chart.")
public final class Report implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("r(\\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)-(rate\\d+|idle|storm|churn)\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String[] SERVERS = {"java-echo", "java-native", "java-socketio", "node-socketio",
      "netty-echo", "netty-native", "netty-socketio"};

  @Parameters(index = "0", description = "The results directory.")
  Path dir;

  @Option(names = "--reference-rate", defaultValue = "10000", description = "The rate the CPU and p99 targets are stated at.")
  int referenceRate;

  @Option(names = "--p99-limit-ms", defaultValue = "50")
  double p99LimitMs;

  /** server → test → round → result */
  private final Map<String, Map<String, Map<Integer, JsonNode>>> results = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          results.computeIfAbsent(m.group(2), k -> new TreeMap<>()).computeIfAbsent(m.group(3), k -> new TreeMap<>())
              .put(Integer.parseInt(m.group(1)), JSON.readTree(file.toFile()));
        }
      }
    }
    if (results.isEmpty()) {
      System.err.println("no result files in " + dir);
      return 1;
    }
    StringBuilder md = new StringBuilder();
    String ref = "rate" + referenceRate;
    md.append("| server | CPU µs/msg @").append(referenceRate).append(" | RTT p50 / p99 / p99.9 ms @").append(referenceRate)
        .append(" | gen. CPU | other tenants' CPU | max rate with p99 ≤ ").append((int) p99LimitMs).append(" ms | idle B/conn, average RSS / heap; marginal RSS / heap | storm joins/s (correct) | churn leak-free | lost/dup/reord |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String server : results.keySet()) {
      Map<String, Map<Integer, JsonNode>> tests = results.get(server);
      md.append("| ").append(server)
          .append(" | ").append(rounds(tests.get(ref), "serverCpuUsPerMsg", "%.1f"))
          .append(" | ").append(rounds(tests.get(ref), "rttP50Ms", "%.1f")).append(" / ")
          .append(rounds(tests.get(ref), "rttP99Ms", "%.1f")).append(" / ").append(rounds(tests.get(ref), "rttP999Ms", "%.1f"))
          .append(" | ").append(rounds(tests.get(ref), "generatorCpuCores", "%.2f"))
          .append(" | ").append(rounds(tests.get(ref), "otherCpuCores", "%.2f"))
          .append(" | ").append(maxRates(tests))
          .append(" | ").append(rounds(tests.get("idle"), "rssBytesPerConnection", "%.0f")).append(" / ")
          .append(rounds(tests.get("idle"), "heapBytesPerConnection", "%.0f")).append("; ")
          .append(rounds(tests.get("idle"), "rssBytesPerConnectionMarginal", "%.0f")).append(" / ")
          .append(rounds(tests.get("idle"), "heapBytesPerConnectionMarginal", "%.0f"))
          .append(" | ").append(rounds(tests.get("storm"), "joinsPerSecond", "%.0f")).append(" (")
          .append(rounds(tests.get("storm"), "correct", "%s")).append(")")
          .append(" | ").append(rounds(tests.get("churn"), "leakFree", "%s"))
          .append(" | ").append(lossTotals(tests))
          .append(" |\n");
    }
    md.append("\nRatios (median of rounds; each round's value in brackets):\n\n");
    ratio(md, "CPU/msg, java-native ÷ java-echo (target ≤ 1.25)", "java-native", "java-echo", ref, "serverCpuUsPerMsg");
    ratio(md, "CPU/msg, java-socketio ÷ java-echo (target ≤ 1.5)", "java-socketio", "java-echo", ref, "serverCpuUsPerMsg");
    ratio(md, "CPU/msg, java-native ÷ node-socketio (target ≤ 1)", "java-native", "node-socketio", ref, "serverCpuUsPerMsg");
    ratio(md, "CPU/msg, java-socketio ÷ node-socketio (target ≤ 1)", "java-socketio", "node-socketio", ref, "serverCpuUsPerMsg");
    ratio(md, "RTT p99, java-native ÷ node-socketio (target ≤ 0.5)", "java-native", "node-socketio", ref, "rttP99Ms");
    ratio(md, "RTT p99, java-socketio ÷ node-socketio (target ≤ 0.5)", "java-socketio", "node-socketio", ref, "rttP99Ms");
    // No RSS ratio: by the idle test a Java server's heap has already grown during the load
    // runs, so its RSS hardly moves; RSS per connection needs a fresh server (docs/BENCHMARKS.md).
    for (String server : new String[] {"java-native", "java-socketio"}) {
      ratio(md, "idle marginal heap B/conn, " + server + " ÷ node-socketio (target ≤ 1)", server, "node-socketio", "idle", "heapBytesPerConnectionMarginal");
    }
    ratio(md, "storm joins/s, java-native ÷ node-socketio (target ≥ 2)", "java-native", "node-socketio", "storm", "joinsPerSecond");
    ratio(md, "storm joins/s, java-socketio ÷ node-socketio (target ≥ 2)", "java-socketio", "node-socketio", "storm", "joinsPerSecond");
    if (results.containsKey("netty-native") || results.containsKey("netty-socketio")) {
      md.append("\nNetty transport (issue #16 targets):\n\n");
      ratio(md, "CPU/msg, netty-native ÷ node-socketio (target ≤ 0.6)", "netty-native", "node-socketio", ref, "serverCpuUsPerMsg");
      ratio(md, "CPU/msg, netty-native ÷ netty-echo (target ≤ 1.2)", "netty-native", "netty-echo", ref, "serverCpuUsPerMsg");
      ratio(md, "CPU/msg, netty-socketio ÷ node-socketio (target ≤ 0.7)", "netty-socketio", "node-socketio", ref, "serverCpuUsPerMsg");
      ratio(md, "RTT p99, netty-native ÷ node-socketio (target ≤ 0.25)", "netty-native", "node-socketio", ref, "rttP99Ms");
      ratio(md, "RTT p99, netty-socketio ÷ node-socketio (target ≤ 0.25)", "netty-socketio", "node-socketio", ref, "rttP99Ms");
      for (String server : new String[] {"netty-native", "netty-socketio"}) {
        ratio(md, "idle marginal heap B/conn, " + server + " ÷ node-socketio (target ≤ 0.5)", server, "node-socketio", "idle", "heapBytesPerConnectionMarginal");
        ratio(md, "storm joins/s, " + server + " ÷ node-socketio (target ≥ 2.5)", server, "node-socketio", "storm", "joinsPerSecond");
      }
      md.append("- netty vs grizzly, CPU/msg @").append(referenceRate).append(":\n");
      ratio(md, "  netty-native ÷ java-native", "netty-native", "java-native", ref, "serverCpuUsPerMsg");
      ratio(md, "  netty-socketio ÷ java-socketio", "netty-socketio", "java-socketio", ref, "serverCpuUsPerMsg");
      ratio(md, "  netty-echo ÷ java-echo", "netty-echo", "java-echo", ref, "serverCpuUsPerMsg");
    }
    Files.writeString(dir.resolve("summary.md"), md.toString());
    System.out.println(md);
    chart(dir.resolve("rtt-vs-load.png"));
    System.out.println("Wrote " + dir.resolve("summary.md") + " and " + dir.resolve("rtt-vs-load.png"));
    return 0;
  }

  private static String rounds(Map<Integer, JsonNode> byRound, String field, String format) {
    if (byRound == null) {
      return "–";
    }
    List<String> values = new ArrayList<>();
    for (JsonNode r : byRound.values()) {
      JsonNode v = r.get(field);
      values.add(v == null ? "–" : v.isNumber() ? String.format(Locale.ROOT, format, v.asDouble()) : v.asText());
    }
    return String.join(", ", values);
  }

  private static String lossTotals(Map<String, Map<Integer, JsonNode>> tests) {
    long lost = 0;
    long dup = 0;
    long reord = 0;
    for (Map.Entry<String, Map<Integer, JsonNode>> t : tests.entrySet()) {
      if (t.getKey().startsWith("rate")) {
        for (JsonNode r : t.getValue().values()) {
          lost += r.path("lost").asLong();
          dup += r.path("duplicated").asLong();
          reord += r.path("reordered").asLong();
        }
      }
    }
    return lost + "/" + dup + "/" + reord;
  }

  /** Per round: the highest offered rate whose p99 stayed within the limit and whose achieved rate kept up. */
  private String maxRates(Map<String, Map<Integer, JsonNode>> tests) {
    Map<Integer, Integer> best = new TreeMap<>();
    for (Map.Entry<String, Map<Integer, JsonNode>> t : tests.entrySet()) {
      if (!t.getKey().startsWith("rate")) {
        continue;
      }
      int rate = Integer.parseInt(t.getKey().substring(4));
      for (Map.Entry<Integer, JsonNode> r : t.getValue().entrySet()) {
        JsonNode v = r.getValue();
        boolean kept = v.path("rttP99Ms").asDouble(1e9) <= p99LimitMs
            && v.path("relayedPerSecond").asDouble() >= 0.95 * rate && v.path("lost").asLong() == 0;
        best.merge(r.getKey(), kept ? rate : 0, Math::max);
      }
    }
    List<String> out = new ArrayList<>();
    best.values().forEach(v -> out.add(String.format(Locale.ROOT, "%,d", v)));
    return String.join(", ", out);
  }

  private void ratio(StringBuilder md, String title, String a, String b, String test, String field) {
    List<Double> perRound = new ArrayList<>();
    Map<Integer, JsonNode> ra = results.getOrDefault(a, Map.of()).get(test);
    Map<Integer, JsonNode> rb = results.getOrDefault(b, Map.of()).get(test);
    if (ra == null || rb == null) {
      md.append("- ").append(title).append(": not measured\n");
      return;
    }
    for (Integer round : ra.keySet()) {
      if (rb.containsKey(round) && ra.get(round).has(field) && rb.get(round).has(field)) {
        perRound.add(ra.get(round).get(field).asDouble() / rb.get(round).get(field).asDouble());
      }
    }
    if (perRound.isEmpty()) {
      md.append("- ").append(title).append(": not measured\n");
      return;
    }
    List<String> each = perRound.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList();
    md.append(String.format(Locale.ROOT, "- %s: **%.2f** [%s]%n", title, median(perRound), String.join(", ", each)));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private void chart(Path png) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (String server : results.keySet()) {
      for (String pct : new String[] {"rttP50Ms", "rttP99Ms"}) {
        XYSeries series = new XYSeries(server + (pct.equals("rttP50Ms") ? " p50" : " p99"));
        for (Map.Entry<String, Map<Integer, JsonNode>> t : results.get(server).entrySet()) {
          if (!t.getKey().startsWith("rate")) {
            continue;
          }
          List<Double> values = new ArrayList<>();
          t.getValue().values().forEach(v -> values.add(Math.max(0.01, v.path(pct).asDouble())));
          series.add(Integer.parseInt(t.getKey().substring(4)), median(values));
        }
        if (!series.isEmpty()) {
          data.addSeries(series);
        }
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Round-trip latency vs offered load (median of rounds; 500 pairs, 1 KB, server on 1 pinned core)",
        "offered relayed messages/s", "RTT ms (log)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = new LogAxis("round-trip ms (log scale)");
    axis.setSmallestValue(0.01);
    axis.setBase(10);
    axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten, labelled 0.1, 1, 10, 100
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
    plot.setRangeAxis(axis);
    NumberAxis rates = (NumberAxis) plot.getDomainAxis();
    rates.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    rates.setNumberFormatOverride(new DecimalFormat("#,##0"));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0x17becf), new Color(0xff7f0e), new Color(0x8c564b)};
    for (int i = 0; i < data.getSeriesCount(); i++) {
      String key = (String) data.getSeriesKey(i);
      int server = 0;
      for (int s = 0; s < SERVERS.length; s++) {
        if (key.startsWith(SERVERS[s] + " ")) {
          server = s;
        }
      }
      renderer.setSeriesPaint(i, colors[server % colors.length]);
      renderer.setSeriesStroke(i, key.endsWith("p50")
          ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(2.5f));
    }
    plot.setRenderer(renderer);
    chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
  }
}
