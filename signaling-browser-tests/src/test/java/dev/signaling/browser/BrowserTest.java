package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.Transport;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every browser test class shares: it checks that it runs inside the network namespace made
 * by src/test/netns/bin/java, launches one headless Chromium for the class, starts a fresh
 * example server (native endpoint, socket.io and the web app on one port) for each test, resets
 * the browser after it, and saves screenshots and logs when a test fails.
 */
abstract class BrowserTest {
  static Browser browser;
  ExampleServer server;
  /** {@code room-<test method>}: a room of its own for each test. */
  String room;

  @RegisterExtension
  final FailureArtifacts artifacts = new FailureArtifacts(() -> browser);

  @BeforeAll
  static void launchBrowserInsideTheTestNetworkNamespace() throws IOException {
    String address = System.getenv("SIGNALING_TEST_NETNS");
    assertNotNull(address, "the browser tests must run in the network namespace that "
        + "src/test/netns/bin/java makes (Failsafe's <jvm>): run them with mvn verify, as root");
    InetAddress expected = InetAddress.getByName(address);
    boolean found = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .anyMatch(a -> a instanceof Inet4Address && a.equals(expected));
    assertTrue(found, "no interface holds " + address + ": the namespace was not set up");
    browser = Browser.launch();
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @BeforeEach
  void startServer(TestInfo test) throws IOException {
    server = newServer();
    room = "room-" + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void stopServer() {
    try {
      browser.reset();
    } finally {
      server.close();
    }
  }

  /** The server each test of this class starts on a free port: {@link #startServer(int)} unless a class needs another. */
  ExampleServer newServer() throws IOException {
    return startServer(0);
  }

  /** Grizzly, or what {@code -Dsignaling.transport} says (this module's second failsafe execution: netty). */
  static Transport transportUnderTest() {
    return Transport.valueOf(System.getProperty("signaling.transport", "grizzly").toUpperCase(java.util.Locale.ROOT));
  }

  /** The example server as its command line builds it: the native endpoint and socket.io share one engine. */
  static ExampleServer startServer(int port) throws IOException {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().clientLogging(true).build())
        .build();
    SocketIoServer socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine)
        .build();
    return ExampleServer.builder().transport(transportUnderTest()).host("127.0.0.1").port(port).engine(engine).socketIo(socketIo)
        .build().start();
  }
}
