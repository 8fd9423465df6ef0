package dev.signaling.transport.socketio.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.Ack;
import dev.signaling.transport.socketio.NamespaceListener;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoNamespace;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.SocketIoSocket;
import dev.signaling.transport.socketio.TestServer;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The app the Socket.IO and Engine.IO protocol test suites expect on a port (3000 by default),
 * built on the library's public API: {@code /engine.io/} echoes every Engine.IO message;
 * {@code /socket.io/} serves {@code /} and {@code /custom}, where a connection is greeted with
 * an {@code auth} event carrying its CONNECT payload, {@code message} is echoed as {@code
 * message-back} and {@code message-with-ack} is acknowledged with its own arguments.
 *
 * <p>Run: {@code mvn -q -pl signaling-transport-socketio -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.signaling.transport.socketio.conformance.ConformanceServer}
 */
public final class ConformanceServer {
  /** The suites' reference configuration. */
  public static final SocketIoConfig CONFIG = SocketIoConfig.builder()
      .pingInterval(Duration.ofMillis(300))
      .pingTimeout(Duration.ofMillis(200))
      .maxPayload(1_000_000)
      .connectTimeout(Duration.ofMillis(1000))
      .originPolicy(OriginPolicy.anyOrigin())
      .build();

  private ConformanceServer() {}

  /** The echo namespace of the suites. */
  public static final SocketIoNamespace ECHO = (SocketIoSocket socket) -> {
    socket.emit("auth", List.of(socket.auth()));
    return new NamespaceListener() {
      @Override
      public void onEvent(String event, List<JsonNode> args, Ack ack) {
        if (event.equals("message")) {
          socket.emit("message-back", args);
        } else if (event.equals("message-with-ack") && ack != null) {
          ack.reply(args);
        }
      }

      @Override
      public void onDisconnect(String reason) {}
    };
  };

  public static SocketIoServer socketIo() {
    return SocketIoServer.builder().config(CONFIG).namespace("/", ECHO).namespace("/custom", ECHO).build();
  }

  public static EngineIoServer engineIoEcho() {
    return EngineIoServer.create(CONFIG, socket -> new EngineIoListener() {
      @Override
      public void onText(String message) {
        socket.sendText(message);
      }

      @Override
      public void onBinary(byte[] message) {
        socket.sendBinary(message);
      }

      @Override
      public void onClose(String reason) {}
    });
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    SocketIoServer socketIo = socketIo();
    EngineIoServer engineIo = engineIoEcho();
    TestServer server = TestServer.builder()
        .socketIo(socketIo)
        .endpoint(engineIo.webSocketEndpoint("/engine.io/"))
        .handler("/engine.io/*", engineIo.pollingHandler())
        .start(port);
    System.out.println("Conformance server on " + server.url());
    new CountDownLatch(1).await();
  }
}
