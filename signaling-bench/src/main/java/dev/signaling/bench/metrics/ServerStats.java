package dev.signaling.bench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a bench server's {@code GET /stats} (rooms, peers, heap used): served by {@code
 * BenchServer} and by the Node reference server alike.
 */
public final class ServerStats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;

  public ServerStats(URI base) {
    this.base = base;
  }

  /** A snapshot; with {@code gc}, the server collects garbage first so heap is live data. */
  public Snapshot read(boolean gc) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(gc ? "/stats?gc=1" : "/stats"))
        .timeout(Duration.ofSeconds(30)).GET().build();
    // A fresh client each time: a pooled connection may have been closed by the server's
    // keep-alive timeout meanwhile (Node closes idle ones after 5 s), and reads are rare.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
      }
      JsonNode json = JSON.readTree(response.body());
      return new Snapshot(json.path("rooms").asLong(-1), json.path("peers").asLong(-1),
          json.path("heapUsed").asLong(-1));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Rooms and peers the server holds; heap in bytes, −1 where not exposed. */
  public record Snapshot(long rooms, long peers, long heapUsed) {}
}
