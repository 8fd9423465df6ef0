package dev.signaling.bench.client;

/**
 * A wire protocol the generator speaks over WebSocket: the native one ({@code {"event","args"}})
 * or Socket.IO v4. Stateless; per-connection state lives in {@link BenchClient}.
 */
public interface Dialect {

  /** The request path (and query) of the WebSocket handshake. */
  String path();

  /** A frame carrying {@code event} with {@code args}, each already JSON, joined by commas. */
  String frame(String event, String argsJson);

  /** Handles one inbound text frame: protocol housekeeping here, events to the listener. */
  void onFrame(BenchClient client, String text);

  /** Whether the connection is usable once the WebSocket handshake completes (else: after the protocol's own connect). */
  boolean readyOnHandshake();

  static Dialect named(String name) {
    return switch (name) {
      case "native" -> new NativeDialect("/signaling");
      case "echo" -> new NativeDialect("/echo");
      case "relay" -> new NativeDialect("/relay"); // Netty bench server only: the bare relay floor
      case "socketio" -> new SocketIoDialect();
      default -> throw new IllegalArgumentException("unknown protocol '" + name + "' (native, socketio, echo, relay)");
    };
  }
}
