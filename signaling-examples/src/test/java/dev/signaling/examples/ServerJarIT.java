package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged server as a user starts it: {@code java -jar signaling-server.jar}. */
class ServerJarIT {
  private static final Path JAR = Path.of("target", "signaling-server.jar");
  private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

  @Test
  void helpListsTheOptions() throws Exception {
    Process process = new ProcessBuilder(java(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    for (String option : List.of("--host", "--port", "--help", "--ice-server", "--allowed-origin")) {
      assertTrue(out.contains(option), option + " in:\n" + out);
    }
  }

  @Test
  void servesThePageAndTheEndpointAndStopsCleanlyOnSigterm() throws Exception {
    assertTrue(Files.exists(JAR), "package the jar first: " + JAR.toAbsolutePath());
    Process process = new ProcessBuilder(java(), "-jar", JAR.toString(), "--port", "0",
        "--transport", DemoServers.transport()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (url == null && System.nanoTime() < deadline) {
        String line = lines.readLine();
        if (line == null) {
          break;
        }
        output.add(line);
        Matcher m = URL.matcher(line);
        if (m.find()) {
          url = m.group(1);
        }
      }
      assertTrue(url != null, "the server prints its URL: " + output);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url + "foo")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("signaling.js"), page.body());
      HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(url + "js/main.js")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, script.statusCode());

      try (TestClient client = TestClient.connect(URI.create(url.replace("http", "ws") + "signaling"))) {
        client.emit("create or join", "jar-room");
        assertEquals("created", client.nextSkippingLogs().get("event").asText());

        // SIGTERM, like Ctrl-C's SIGINT, runs the shutdown hook. (Process.destroy would close our pipes.)
        process.toHandle().destroy();
        assertEquals(1001, client.awaitClose(), "clients are told the server is going away");
      }
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the server stops");
      StringBuilder rest = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        rest.append(line).append('\n');
      }
      assertTrue(rest.toString().contains("Stopping signaling server"), rest.toString());
    } finally {
      process.destroyForcibly();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
