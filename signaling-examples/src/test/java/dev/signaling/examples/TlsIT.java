package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
