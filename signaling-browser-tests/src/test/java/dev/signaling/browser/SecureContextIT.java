package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.SelfSignedCertificate;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's LAN recipe in a real browser: a page from a non-localhost address gets the camera
 * only over HTTPS. The server binds the test namespace's own interface address (10.99.0.1, not
 * loopback) with a self-signed certificate made by the test; Chromium trusts exactly that
 * certificate (by its public key), as a user who accepted the warning once would. Runs on
 * Grizzly and, in the module's second execution, on Netty.
 */
class SecureContextIT {
  @TempDir
  static Path temp;
  static Browser browser;
  static SelfSignedCertificate cert;
  static String address;
  ExampleServer server;

  @BeforeAll
  static void launch() throws Exception {
    address = System.getenv("SIGNALING_TEST_NETNS");
    assertNotNull(address, "the browser tests must run in the network namespace that src/test/netns/bin/java makes");
    cert = SelfSignedCertificate.create(Files.createDirectories(temp.resolve("tls")), address);
    String spki = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(cert.certificate().getPublicKey().getEncoded()));
    browser = Browser.launch("--ignore-certificate-errors-spki-list=" + spki);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void stop() {
    try {
      browser.reset();
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void overHttpsFromALanAddressTwoPagesGetTheirCamerasAndCall() throws Exception {
    server = start(true);
    String url = "https://" + address + ":" + server.port() + "/room-secure";
    Page alice = browser.open("alice", url);
    assertEquals(Boolean.TRUE, alice.script("return window.isSecureContext;"), "an HTTPS page is a secure context");
    alice.await("the camera's video in the local preview", () -> Boolean.TRUE.equals(alice.script(
        "const s = document.getElementById('local-video').srcObject;"
            + " return s !== null && s.getVideoTracks().length > 0 && s.getVideoTracks()[0].readyState === 'live';")));
    Page bob = browser.open("bob", url);
    Map<String, Object> call = bob.awaitCall();
    assertEquals("connected", call.get("connectionState"), "the call runs over WSS signaling: " + call);
    assertTrue(((Number) call.get("videoWidth")).intValue() > 0, "bob sees alice's camera: " + call);
  }

  @Test
  void overPlainHttpFromTheSameAddressThePageHasNoCamera() throws Exception {
    server = start(false);
    Page page = browser.open("plain", "http://" + address + ":" + server.port() + "/room-plain");
    assertEquals(Boolean.FALSE, page.script("return window.isSecureContext;"));
    assertEquals(Boolean.TRUE, page.script("return navigator.mediaDevices === undefined;"),
        "no getUserMedia outside a secure context: what the README's LAN section warns about");
  }

  private ExampleServer start(boolean tls) throws Exception {
    SignalingEngine engine = SignalingEngine.create();
    ExampleServer.Builder builder = ExampleServer.builder().transport(BrowserTest.transportUnderTest()).host(address).port(0).engine(engine)
        .socketIo(SocketIoServer.builder()
            .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
            .signaling(engine).build());
    if (tls) {
      builder.tls(cert.serverContext());
    }
    return builder.build().start();
  }
}
