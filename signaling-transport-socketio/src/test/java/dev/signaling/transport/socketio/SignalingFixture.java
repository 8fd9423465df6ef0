package dev.signaling.transport.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.conformance.ConformanceServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One signaling engine served two ways on one loopback port, by the current {@link TransportKit}: socket.io at {@code /socket.io/}
 * (both transports) and the native protocol at {@code /signaling}. Application events: {@code
 * echo} acknowledges its arguments, {@code whoami} acknowledges the CONNECT payload, {@code
 * careless} answers its ack without checking that one was asked for. {@code /custom} is the
 * conformance echo namespace. Browser origin {@code http://app.example} alone is allowed.
 */
final class SignalingFixture implements AutoCloseable {
  static final String ALLOWED_ORIGIN = "http://app.example";
  // Short enough that a silent peer is found within a test's 5 s wait; long enough that a polling
  // client on a loaded machine answers in time (300 ms dropped a polling peer at load ~10, and
  // its room heard peer-disconnected in the middle of the codelab scenario).
  static final Duration PING_INTERVAL = Duration.ofMillis(1000);
  static final Duration PING_TIMEOUT = Duration.ofMillis(1500);

  final SignalingEngine engine;
  final SocketIoServer socketIo;
  final TransportKit.Served server;

  SignalingFixture() throws IOException {
    engine = SignalingEngine.builder()
        // One server for a whole suite whose clients all come from 127.0.0.1, many of them polling
        // sessions left to time out: above the default 100 per address. ConnectionLimitIT tests limits.
        .connectionLimits(dev.signaling.core.limits.ConnectionLimits.UNLIMITED)
        // The library's default config: resume on, so socket.io clients get connection state
        // recovery (a pid, an offset on every event) and native ones welcome and "seq".
        .config(SignalingConfig.DEFAULT)
        .on("echo", (peer, args, ack) -> {
          if (ack != null) {
            ack.reply(args);
          }
        })
        .on("whoami", (peer, args, ack) -> ack.reply(List.of((JsonNode) peer.attributes().get(SocketIoServer.AUTH_ATTRIBUTE))))
        .on("careless", (peer, args, ack) -> ack.reply(args))
        .build();
    socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder()
            .pingInterval(PING_INTERVAL)
            .pingTimeout(PING_TIMEOUT)
            .connectTimeout(Duration.ofSeconds(2))
            .originPolicy(OriginPolicy.allowing(Set.of(ALLOWED_ORIGIN)))
            .build())
        .signaling(engine)
        .namespace("/custom", ConformanceServer.ECHO)
        .build();
    // On the transport the run asks for (TransportKits: Grizzly/Tyrus here, Netty in its module).
    server = TransportKits.current().serve(new TransportKit.Mounts()
        .socketIo(socketIo)
        .nativeProtocol(engine, WebSocketOptions.DEFAULT));
  }

  String httpUrl() {
    return server.url();
  }

  String webSocketUrl() {
    return "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket";
  }

  /**
   * A native-protocol connection read as a codelab-style client reads it ({@link
   * RawWebSocket#ignoreResume}: no welcome, no "seq").
   */
  RawWebSocket connectNative() {
    return RawWebSocket.open(nativeUrl()).ignoreResume();
  }

  String nativeUrl() {
    return "ws://127.0.0.1:" + server.port() + "/signaling";
  }

  /** A raw WebSocket past the Engine.IO handshake and connected to namespace {@code /} with {@code auth}. */
  RawWebSocket connectRaw(String auth) throws InterruptedException {
    RawWebSocket ws = RawWebSocket.open(webSocketUrl());
    String open = ws.next().text();
    if (!open.startsWith("0{")) {
      throw new AssertionError("no Engine.IO handshake: " + open);
    }
    ws.send("40" + (auth == null ? "" : auth));
    String connected = ws.nextText();
    if (!connected.startsWith("40{\"sid\":") || !connected.contains("\"pid\":")) {
      throw new AssertionError("no CONNECT answer with a recovery pid: " + connected);
    }
    // Read as a client without recovery does: the offsets are ignored (SocketIoRecoveryIT and
    // SocketIoSignalingIT.theServerRecoversConnectionsByDefault look at them).
    return ws.ignoreResume();
  }

  /** Serves the fixture until killed, for running the Node tests by hand. */
  public static void main(String[] args) throws Exception {
    SignalingFixture fixture = new SignalingFixture();
    System.out.println(fixture.httpUrl());
    Thread.sleep(Long.MAX_VALUE);
  }

  @Override
  public void close() {
    server.close();
    socketIo.close();
    engine.close();
  }
}
