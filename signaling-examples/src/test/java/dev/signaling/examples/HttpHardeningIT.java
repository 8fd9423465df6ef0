package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example server's HTTP side against hostile requests: traversal, methods, sizes, headers. */
class HttpHardeningIT {
  private static ExampleServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServers.start("--quiet-clients");
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/../../etc/passwd",
      "/../../../../../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E/%2E%2E/etc/passwd",
      "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/..%2f..%2fetc%2fpasswd",
      "/..%5c..%5cetc%5cpasswd",
      "/..\\..\\etc\\passwd",
      "/%252e%252e/%252e%252e/etc/passwd",
      "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
      "/%e0%80%ae%e0%80%ae/etc/passwd",
      "/js/../../etc/passwd",
      "/js/%2e%2e/%2e%2e/etc/passwd",
      "/./js/main.js",
      "/css/%00",
      "/js/main.js%00.png",
      "/%",
      "/%zz",
      "/socket.io/../../etc/passwd",
      "/config/../../etc/passwd",
  })
  void traversalInAnyEncodingGets404(String target) throws Exception {
    RawHttp.Response response = RawHttp.get(port, target);
    assertEquals(404, response.status(), target + " -> " + response.text());
    assertFalse(response.text().contains("root:"), "nothing of /etc/passwd");
  }

  @Test
  void theAppsPagesCarryTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/", "/myroom", "/js/main.js", "/js/signaling.js", "/css/main.css", "/socketio/index.html"}) {
      RawHttp.Response response = RawHttp.get(port, path);
      assertEquals(200, response.status(), path);
      String csp = response.header("Content-Security-Policy");
      assertNotNull(csp, path);
      assertTrue(csp.contains("script-src 'self'"), csp);
      assertTrue(csp.contains("connect-src 'self'"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertFalse(csp.contains("unsafe-inline"), csp);
      assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
      assertEquals("no-referrer", response.header("Referrer-Policy"), path);
    }
    for (String path : new String[] {"/config", "/socket.io/socket.io.js", "/no/such/file"}) {
      RawHttp.Response response = RawHttp.get(port, path);
      assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
      assertEquals("no-referrer", response.header("Referrer-Policy"), path);
    }
  }

  @Test
  void theAppsHtmlHasNoInlineScriptOrStyleTheirPolicyWouldBlock() throws Exception {
    for (String path : new String[] {"/", "/socketio/index.html"}) {
      String html = RawHttp.get(port, path).text();
      assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
      assertFalse(html.contains("<style"), path + " has an inline style element");
      assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), path + " has an inline event handler");
      assertFalse(html.contains(" style="), path + " has a style attribute");
    }
  }

  @ParameterizedTest(name = "HEAD {0}")
  @ValueSource(strings = {"/", "/myroom", "/js/main.js", "/config", "/socket.io/socket.io.js"})
  void headWorksWhereverGetDoes(String path) throws Exception {
    RawHttp.Response get = RawHttp.get(port, path);
    RawHttp.Response head = RawHttp.send(port, "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertEquals(200, get.status());
    assertEquals(200, head.status());
    assertEquals(String.valueOf(get.body().length), head.header("Content-Length"));
    assertEquals(get.header("Content-Type"), head.header("Content-Type"));
    assertEquals(0, head.body().length);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST /", "PUT /js/main.js", "DELETE /config", "OPTIONS /", "PATCH /myroom", "TRACE /"})
  void otherMethodsGet405(String request) throws Exception {
    String[] parts = request.split(" ");
    RawHttp.Response response = RawHttp.request(port, parts[0], parts[1]);
    assertEquals(405, response.status(), request);
    assertTrue(response.header("Allow").contains("GET"), response.headers().toString());
  }

  @Test
  void oversizedRequestsGet414And431AndOthersAreUnharmed() throws Exception {
    URI signaling = URI.create("ws://127.0.0.1:" + port + "/signaling");
    try (TestClient bystander = TestClient.connect(signaling)) {
      bystander.emit("create or join", "bystander");
      bystander.expect("created");

      assertEquals(414, RawHttp.send(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
      assertEquals(431, RawHttp.send(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n").status());
      StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 500; i++) {
        many.append("X-H").append(i).append(": v\r\n");
      }
      assertEquals(431, RawHttp.send(port, many.append("\r\n").toString()).status());
      assertEquals(431, RawHttp.send(port, RawHttp.upgrade("/signaling", "X-Big: " + "c".repeat(20_000))).status());

      bystander.emit("bye", "bystander");
      bystander.emit("create or join", "bystander");
      assertEquals("created", bystander.next().get("event").asText(), "the open connection is unharmed");
    }
    assertEquals(200, RawHttp.get(port, "/").status(), "the server still serves");
  }

  @Test
  void routesRunOnRouteThreadsNeverOnAnIoThread() throws Exception {
    // A route may read a file (the web root does): on Grizzly's selectors or Netty's event loops it
    // would stall every connection of that thread meanwhile.
    try (ExampleServer site = ExampleServer.builder()
        .transport(Transport.valueOf(DemoServers.transport().toUpperCase(java.util.Locale.ROOT)))
        .port(0).engine(dev.signaling.core.SignalingEngine.create())
        .route("/thread", request -> dev.signaling.core.http.HttpResponse.text(200, Thread.currentThread().getName()))
        .build().start()) {
      String thread = RawHttp.get(site.port(), "/thread").text();
      assertTrue(thread.contains("-route"), "answered on " + thread);
    }
  }

  @Test
  void webRootServesItsFilesAndNothingElse(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    Path root = Files.createDirectories(temp.resolve("site"));
    Path outside = Files.writeString(temp.resolve("secret.txt"), "top secret");
    Files.createDirectories(temp.resolve("outside-dir"));
    Files.writeString(temp.resolve("outside-dir/also-secret.txt"), "also secret");
    Files.writeString(root.resolve("index.html"), "<h1>my page</h1>");
    Files.createDirectories(root.resolve("js"));
    Files.writeString(root.resolve("js/main.js"), "console.log('hi');");
    Files.writeString(root.resolve(".env"), "PASSWORD=x");
    Files.createSymbolicLink(root.resolve("escape.txt"), outside);
    Files.createSymbolicLink(root.resolve("escape-dir"), temp.resolve("outside-dir"));
    Files.createSymbolicLink(root.resolve("inner-link.js"), root.resolve("js/main.js"));

    try (ExampleServer site = DemoServers.start("--quiet-clients", "--web-root", root.toString())) {
      int p = site.port();
      assertEquals("<h1>my page</h1>", RawHttp.get(p, "/").text());
      assertEquals("<h1>my page</h1>", RawHttp.get(p, "/index.html").text());
      RawHttp.Response script = RawHttp.get(p, "/js/main.js");
      assertEquals("console.log('hi');", script.text());
      assertTrue(script.header("Content-Type").startsWith("text/javascript"));
      assertEquals("frame-ancestors 'none'", script.header("Content-Security-Policy"), "the user's pages may load what they like");
      assertEquals("nosniff", script.header("X-Content-Type-Options"));
      assertEquals("console.log('hi');", RawHttp.get(p, "/inner-link.js").text(), "a link inside the root is followed");

      assertEquals(404, RawHttp.get(p, "/escape.txt").status(), "symlink to a file outside");
      assertEquals(404, RawHttp.get(p, "/escape-dir/also-secret.txt").status(), "symlink to a directory outside");
      assertEquals(404, RawHttp.get(p, "/escape-dir/").status());
      assertEquals(404, RawHttp.get(p, "/.env").status(), "hidden files");
      assertEquals(404, RawHttp.get(p, "/../secret.txt").status());
      assertEquals(404, RawHttp.get(p, "/%2e%2e/secret.txt").status());
      assertEquals(404, RawHttp.get(p, "/js/").status(), "no listing");
      assertEquals(301, RawHttp.get(p, "/js").status(), "a directory redirects to its slash form");
      assertEquals(404, RawHttp.get(p, "/myroom").status(), "no room paths in a web root");
      assertEquals(405, RawHttp.request(p, "POST", "/index.html").status());
      for (String path : new String[] {"/escape.txt", "/escape-dir/also-secret.txt", "/.env"}) {
        assertFalse(RawHttp.get(p, path).text().contains("secret"), path);
      }

      RawHttp.Response client = RawHttp.get(p, "/socket.io/socket.io.js");
      assertEquals(200, client.status(), "the socket.io client script stays");
      assertTrue(new String(client.body(), StandardCharsets.UTF_8).contains("io"));
      assertEquals(200, RawHttp.get(p, "/config").status(), "/config stays");
      try (TestClient peer = TestClient.connect(URI.create("ws://127.0.0.1:" + p + "/signaling"))) {
        peer.emit("create or join", "from-web-root");
        assertEquals("created", peer.next().get("event").asText(), "/signaling stays");
      }
    }
  }
}
