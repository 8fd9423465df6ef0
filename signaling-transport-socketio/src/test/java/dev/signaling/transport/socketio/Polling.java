package dev.signaling.transport.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Engine.IO long-polling by hand over the JDK's HTTP client. */
final class Polling {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // as browsers and socket.io clients poll
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  Polling(String serverUrl, String path) {
    this.base = serverUrl + path;
  }

  /** GET {@code base?query}. */
  HttpResponse<String> get(String query) {
    return send(request(query).GET().build());
  }

  HttpResponse<String> get(String query, String origin) {
    return send(request(query).header("Origin", origin).GET().build());
  }

  CompletableFuture<HttpResponse<String>> getAsync(String query) {
    return HTTP.sendAsync(request(query).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String query, String body) {
    return send(request(query).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> post(String query, byte[] body) {
    return send(request(query).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Opens a session; returns the handshake's JSON. */
  JsonNode handshake() {
    HttpResponse<String> response = get("EIO=4&transport=polling");
    if (response.statusCode() != 200 || !response.body().startsWith("0")) {
      throw new AssertionError("handshake failed: " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body().substring(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String session(String sid) {
    return "EIO=4&transport=polling&sid=" + sid;
  }

  private HttpRequest.Builder request(String query) {
    return HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(Duration.ofSeconds(5));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
