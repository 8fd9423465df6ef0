package dev.signaling.transport.socketio;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shared transport test kit: one kind of server (Grizzly/Tyrus here, Netty in
 * signaling-transport-netty) that the Socket.IO and mixed-room suites start, so the same suites
 * run against every transport. Kits are found with {@link java.util.ServiceLoader}; {@link
 * TransportKits#current()} picks the one named by the system property {@code signaling.transport}
 * ({@code grizzly} by default). signaling-transport-netty runs this module's suites from its
 * test-jar with {@code -Dsignaling.transport=netty}.
 */
public interface TransportKit {

  /** The kit's name, e.g. {@code grizzly}, {@code netty}. */
  String name();

  /** Serves {@code mounts} on a free loopback port. */
  Served serve(Mounts mounts) throws IOException;

  /** A running server; closing it stops listening (the engines and Engine.IO servers stay the caller's). */
  interface Served extends AutoCloseable {
    int port();

    default String url() {
      return "http://127.0.0.1:" + port();
    }

    @Override
    void close();
  }

  /** What to serve: the native protocol (optional), socket.io servers, bare Engine.IO servers. */
  final class Mounts {
    SignalingEngine nativeEngine;
    WebSocketOptions nativeOptions = WebSocketOptions.DEFAULT;
    final Map<String, SocketIoServer> socketIo = new LinkedHashMap<>();
    final Map<String, EngineIoServer> engineIo = new LinkedHashMap<>();

    public Mounts nativeProtocol(SignalingEngine engine, WebSocketOptions options) {
      this.nativeEngine = Objects.requireNonNull(engine);
      this.nativeOptions = Objects.requireNonNull(options);
      return this;
    }

    public Mounts socketIo(SocketIoServer server) {
      socketIo.put(server.path(), server);
      return this;
    }

    public Mounts engineIo(String path, EngineIoServer server) {
      engineIo.put(path, server);
      return this;
    }

    public SignalingEngine nativeEngine() {
      return nativeEngine;
    }

    public WebSocketOptions nativeOptions() {
      return nativeOptions;
    }

    public Map<String, SocketIoServer> socketIo() {
      return socketIo;
    }

    public Map<String, EngineIoServer> engineIo() {
      return engineIo;
    }
  }
}
