package dev.signaling.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls to a server's operational endpoints, and /metrics parsed into samples. */
final class Scrape {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

  private Scrape() {}

  /** GET {@code url}, with {@code Authorization: Bearer token} unless token is null. */
  static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The samples of the Prometheus text at {@code baseUrl + "metrics"}: series (name and labels) to value. */
  static Map<String, Double> metrics(String baseUrl, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = get(baseUrl + "metrics", token);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics: " + response.statusCode() + " " + response.body());
    }
    return samples(response.body());
  }

  static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    Matcher matcher = SAMPLE.matcher(text);
    while (matcher.find()) {
      samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return samples;
  }

  /** {@code after[series] - before[series]}; fails when the series is missing after. */
  static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    if (!after.containsKey(series)) {
      throw new AssertionError("no series " + series + " in " + after.keySet());
    }
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  /** The sum over every series of {@code name} (any labels). */
  static double sum(Map<String, Double> samples, String name) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue).sum();
  }
}
