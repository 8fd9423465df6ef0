package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --web-root}: a reader's own pages, in the codelab's shape (socket.io's {@code
 * io.connect()}, {@code create or join}, {@code message}, a camera and an RTCPeerConnection),
 * served from a directory by the example server, call each other in real Chromium. The pages are
 * the test's own (src/test/resources/webroot-pages), copied into a temporary directory.
 */
class WebRootPagesIT extends BrowserTest {
  @TempDir
  Path root;

  @Test
  void ownCodelabStylePagesFromAWebRootCallEachOther() throws IOException {
    copy("index.html");
    Files.createDirectories(root.resolve("js"));
    copy("js/main.js");
    SignalingEngine engine = SignalingEngine.create();
    try (ExampleServer site = ExampleServer.builder().transport(transportUnderTest()).host("127.0.0.1").port(0).engine(engine)
        .socketIo(SocketIoServer.builder()
            .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
            .signaling(engine).build())
        .webRoot(root)
        .build().start()) {
      String url = site.url() + "?room=" + room;
      Page first = browser.open("first", url);
      first.awaitItem("log", "created", line -> line.equals("created " + room));
      Page second = browser.open("second", url);
      second.awaitItem("log", "joined", line -> line.equals("joined " + room));
      first.awaitItem("log", "join", line -> line.equals("join " + room));
      for (Page page : new Page[] {first, second}) {
        page.await("a connected call with the other camera playing", () -> Boolean.TRUE.equals(page.script(
            "const pc = window.demoPeerConnection(); const v = document.getElementById('remoteVideo');"
                + " return pc !== null && pc.connectionState === 'connected' && v.videoWidth > 0 && v.currentTime > 0;")));
      }
      assertTrue(first.items("log").contains("answered"), first.items("log").toString());
      assertTrue(second.items("log").contains("got answer"), second.items("log").toString());
      assertEquals(Boolean.FALSE, first.script("return document.querySelector('script[src=\"/socket.io/socket.io.js\"]') === null;"));
    }
  }

  private void copy(String name) throws IOException {
    try (InputStream in = WebRootPagesIT.class.getResourceAsStream("/webroot-pages/" + name)) {
      Files.copy(in, root.resolve(name));
    }
  }
}
