package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingEngine;
import dev.signaling.transport.netty.NettySignalingServer;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and WSS on the example server's one port, with a self-signed certificate the test makes. */
class TlsIT {
  @TempDir
  Path temp;

  @Test
  void pemCertificateServesHttpsAndWss() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(temp, null);
    try (ExampleServer server = DemoServers.start("--quiet-clients",
        "--tls-cert", cert.certPem().toString(), "--tls-key", cert.keyPem().toString())) {
      assertTrue(server.url().startsWith("https://"), server.url());
      assertHttpsAndWssWork(server, cert);
    }
  }

  @Test
  void pkcs12KeystoreServesHttpsAndWss() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(temp, null);
    try (ExampleServer server = DemoServers.start("--quiet-clients",
        "--tls-cert", cert.pkcs12().toString(), "--tls-password", SelfSignedCertificate.PASSWORD)) {
      assertHttpsAndWssWork(server, cert);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(temp, null);
    try (ExampleServer server = DemoServers.start("--quiet-clients",
        "--tls-cert", cert.certPem().toString(), "--tls-key", cert.keyPem().toString())) {
      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThrows(javax.net.ssl.SSLHandshakeException.class, () ->
          untrusting.send(HttpRequest.newBuilder(URI.create(server.url())).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  @Test
  void anOldStyleRsaKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(temp, null);
    Path pkcs1 = Files.writeString(temp.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        DemoServers.start("--tls-cert", cert.certPem().toString(), "--tls-key", pkcs1.toString()));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
  }

  @Test
  void theNettyServerTakesNettysOwnSslContextFromPemFiles() throws Exception {
    // The embedding API (README "Run it on Netty"), independent of the example's loader.
    Assumptions.assumeTrue(DemoServers.transport().equals("netty"), "a Netty API: run once, in the netty execution");
    SelfSignedCertificate cert = SelfSignedCertificate.create(temp, null);
    SignalingEngine engine = SignalingEngine.create();
    try (NettySignalingServer server = NettySignalingServer.builder().port(0).engine(engine)
        .tls(SslContextBuilder.forServer(cert.certPem().toFile(), cert.keyPem().toFile()).build())
        .route("/hello", request -> dev.signaling.core.http.HttpResponse.text(200, "hello"))
        .build().start()) {
      assertTrue(server.url().startsWith("https://"), server.url());
      HttpClient client = HttpClient.newBuilder().sslContext(cert.trustingClient())
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create(server.url() + "hello")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("hello", hello.body());
      URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/signaling");
      try (TestClient alice = TestClient.connect(client, wss)) {
        alice.emit("create or join", "pem");
        alice.expect("created");
      }
      // Plain HTTP to the TLS port gets no HTTP answer, only a closed connection.
      try (Socket plain = RawHttp.open("127.0.0.1", server.port())) {
        plain.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertFalse(answer.startsWith("HTTP/"), answer);
      }
    } finally {
      engine.close();
    }
  }

  private static void assertHttpsAndWssWork(ExampleServer server, SelfSignedCertificate cert) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(cert.trustingClient())
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> page = client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/myroom")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<video"), "the web app over HTTPS");
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));

    URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/signaling");
    try (TestClient alice = TestClient.connect(client, wss); TestClient bob = TestClient.connect(client, wss)) {
      alice.emit("create or join", "secure");
      alice.expect("created");
      bob.emit("create or join", "secure");
      bob.expect("joined");
      bob.expect("ready");
      alice.emit("message", "over tls");
      assertEquals("over tls", bob.expect("message").get(0).asText());
    }
  }
}
