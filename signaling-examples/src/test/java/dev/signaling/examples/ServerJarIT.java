package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged server as a user starts it: {@code java -jar signaling-server.jar}. */
class ServerJarIT {
  private static final Path JAR = Path.of("target", "signaling-server.jar");
  private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");
  private static final Pattern ADMIN_URL = Pattern.compile("Admin endpoints .* on (http://127\\.0\\.0\\.1:(\\d+)/)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void helpListsTheOptions() throws Exception {
    Process process = new ProcessBuilder(java(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    for (String option : List.of("--host", "--port", "--help", "--ice-server", "--allowed-origin",
        "--admin-port", "--admin-token-file", "--drain-timeout", "--log-format", "SIGNALING_PORT")) {
      assertTrue(out.contains(option), option + " in:\n" + out);
    }
  }

  @Test
  void servesThePageAndTheEndpointAndStopsCleanlyOnSigterm() throws Exception {
    try (RunningJar jar = RunningJar.start(Map.of(), "--port", "0")) {
      HttpResponse<String> page = get(jar.url + "foo");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("signaling.js"), page.body());
      assertEquals(200, get(jar.url + "js/main.js").statusCode());

      try (TestClient client = TestClient.connect(jar.webSocket())) {
        client.emit("create or join", "jar-room");
        assertEquals("created", client.nextSkippingLogs().get("event").asText());

        // SIGTERM, like Ctrl-C's SIGINT, runs the shutdown hook. (Process.destroy would close our pipes.)
        jar.process.toHandle().destroy();
        assertEquals(1012, client.awaitClose(), "clients are told to reconnect elsewhere (service restart)");
      }
      assertTrue(jar.process.waitFor(15, TimeUnit.SECONDS), "the server stops");
      assertTrue(jar.output().contains("Stopping signaling server"), jar.output());
    }
  }

  @Test
  void sigtermWithTwoPairedClientsTurnsReadinessOffAtOnceTells1012LosesNothingAndExitsBeforeTheDeadline()
      throws Exception {
    try (RunningJar jar = RunningJar.start(Map.of(), "--port", "0", "--quiet-clients", "--drain-delay", "2s",
        "--drain-timeout", "20s");
        TestClient alice = TestClient.connect(jar.webSocket());
        TestClient bob = TestClient.connect(jar.webSocket())) {
      alice.emit("create or join", "drain-room");
      alice.expect("created");
      bob.emit("create or join", "drain-room");
      bob.expect("joined");
      bob.expect("ready");
      alice.expect("join");
      alice.expect("ready");
      int messages = 100; // grows by one during the drain delay
      for (int i = 1; i <= messages; i++) {
        alice.emit("message", JSON.readTree("{\"n\":" + i + ",\"sdp\":\"v=0\"}"));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Scrape.metrics(jar.url, null).get("signaling_messages_relayed_total") < messages
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(messages, Scrape.metrics(jar.url, null).get("signaling_messages_relayed_total"),
          "the server relayed all of them");
      assertEquals(200, get(jar.url + "readyz").statusCode());

      long signalled = System.nanoTime();
      jar.process.toHandle().destroy();
      HttpResponse<String> readiness = get(jar.url + "readyz");
      while (readiness.statusCode() == 200 && System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(5)) {
        readiness = get(jar.url + "readyz");
      }
      long notReadyAfter = System.nanoTime() - signalled;
      System.out.println("ServerJarIT: readiness 503 " + TimeUnit.NANOSECONDS.toMicros(notReadyAfter) / 1000.0
          + " ms after SIGTERM (" + DemoServers.transport() + ")");
      assertEquals(503, readiness.statusCode());
      assertEquals("{\"status\":\"not ready\",\"reasons\":[\"draining\"]}", readiness.body());
      // The aim is 100 ms (10-41 ms measured, docs/ops/METRICS.md); the bound is looser so a busy
      // machine does not fail the build (327 ms was seen once while other builds ran).
      assertTrue(notReadyAfter < TimeUnit.SECONDS.toNanos(1),
          "readiness 503 " + TimeUnit.NANOSECONDS.toMillis(notReadyAfter) + " ms after SIGTERM");
      // --drain-delay: the call goes on while load balancers take the node out of rotation.
      alice.emit("message", JSON.readTree("{\"n\":" + (messages + 1) + ",\"sdp\":\"v=0\"}"));
      messages++;
      assertTrue(jar.process.isAlive());
      assertEquals(messages, awaitRelayed(jar, messages), "relayed while readiness is off");

      assertEquals(1012, alice.awaitClose());
      assertEquals(1012, bob.awaitClose());
      int next = 1;
      for (JsonNode frame : bob.drain(Duration.ofMillis(100))) {
        if (frame.get("event").asText().equals("bye")) {
          continue; // alice may be closed first: bob is told she left
        }
        assertEquals("message", frame.get("event").asText(), frame.toString());
        assertEquals(next++, frame.get("args").get(0).get("n").asInt());
      }
      assertEquals(messages + 1, next, "bob got every relayed message, in order, before 1012");

      assertTrue(jar.process.waitFor(20, TimeUnit.SECONDS), "exits within the drain timeout");
      assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(20));
      assertTrue(jar.output().contains("Every connection left"), "not cut by the deadline: " + jar.output());
    }
  }

  @Test
  void environmentVariablesConfigureTheServerAndJsonLogsAreOneObjectPerLine() throws Exception {
    try (RunningJar jar = RunningJar.start(
        Map.of("SIGNALING_PORT", "0", "SIGNALING_LOG_FORMAT", "json", "SIGNALING_ADMIN_PORT", "0"))) {
      Matcher admin = ADMIN_URL.matcher(jar.output().replace("\\/", "/"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!admin.find() && System.nanoTime() < deadline) { // logged just after the main URL
        Thread.sleep(10);
        admin = ADMIN_URL.matcher(jar.output().replace("\\/", "/"));
      }
      assertTrue(admin.find(0), jar.output());
      assertEquals(200, get(admin.group(1) + "readyz").statusCode());
      assertTrue(get(admin.group(1) + "metrics").body().contains("signaling_peers "));
      try (TestClient client = TestClient.connect(jar.webSocket())) {
        client.emit("create or join", "json-log-room");
        client.nextSkippingLogs();
      }
      jar.process.toHandle().destroy();
      assertTrue(jar.process.waitFor(15, TimeUnit.SECONDS), "the server stops");
      boolean connectionLine = false;
      for (String line : jar.lines) {
        if (!line.startsWith("{")) {
          continue; // the JVM's and Grizzly's own lines (java.util.logging) stay text
        }
        JsonNode event = JSON.readTree(line);
        assertTrue(event.has("level") && event.has("loggerName") && event.has("formattedMessage"), line);
        connectionLine |= event.get("formattedMessage").asText().matches("connection \\d+ opened: native/websocket");
      }
      assertTrue(connectionLine, "the connection log in JSON: " + jar.output());
      assertTrue(jar.output().contains("listening on http:"), jar.output());
      assertTrue(!jar.output().contains("json-log-room"), "no room names, no payloads in logs");
    }
  }

  private static double awaitRelayed(RunningJar jar, int count) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    double relayed = Scrape.metrics(jar.url, null).get("signaling_messages_relayed_total");
    while (relayed < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
      relayed = Scrape.metrics(jar.url, null).get("signaling_messages_relayed_total");
    }
    return relayed;
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar running in its own process, its output collected line by line. */
  private static final class RunningJar implements AutoCloseable {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final String url;

    private RunningJar(Process process) throws InterruptedException {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("(output broke off: " + e + ")");
        }
      }, "jar-output");
      reader.setDaemon(true);
      reader.start();
      String found = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (found == null && System.nanoTime() < deadline && process.isAlive()) {
        Matcher m = URL.matcher(output().replace("\\/", "/")); // JSON logs escape '/'
        if (m.find()) {
          found = m.group(1);
        } else {
          Thread.sleep(20);
        }
      }
      if (found == null) {
        process.destroyForcibly();
        throw new AssertionError("the server prints its URL: " + output());
      }
      this.url = found;
    }

    static RunningJar start(Map<String, String> environment, String... args) throws IOException, InterruptedException {
      if (!Files.exists(JAR)) {
        throw new AssertionError("package the jar first: " + JAR.toAbsolutePath());
      }
      List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", JAR.toString()));
      command.addAll(List.of(args));
      command.addAll(List.of("--transport", DemoServers.transport())); // the build runs the ITs on each
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      return new RunningJar(builder.start());
    }

    URI webSocket() {
      return URI.create(url.replace("http", "ws") + "signaling");
    }

    String output() {
      return String.join("\n", lines);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
