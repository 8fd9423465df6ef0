package dev.signaling.bench.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;

/**
 * One generator connection. Its listener runs on {@link #eventLoop()}; sends may come from any
 * thread (Netty hands them to the loop), and from the loop itself they go out at once.
 */
public final class BenchClient {
  private final int index;
  private final Channel channel;
  private final Dialect dialect;
  private final ClientListener listener;
  private final CompletableFuture<BenchClient> ready = new CompletableFuture<>();
  /** Scenario state for this connection, touched only on its event loop. */
  public Object attachment;

  BenchClient(int index, Channel channel, Dialect dialect, ClientListener listener) {
    this.index = index;
    this.channel = channel;
    this.dialect = dialect;
    this.listener = listener;
  }

  public int index() {
    return index;
  }

  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  public ClientListener listener() {
    return listener;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Sends an event; {@code argsJson} is the JSON of each argument, comma-separated. */
  public void emit(String event, String argsJson) {
    sendRaw(dialect.frame(event, argsJson));
  }

  /** Sends one text frame as is. */
  public void sendRaw(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)), channel.voidPromise());
  }

  /** Closes the TCP connection (no closing handshake: the servers must cope with abrupt ends too). */
  public void close() {
    channel.close();
  }

  /** Completes once the connection can carry events (after the protocol's connect, if any). */
  public CompletableFuture<BenchClient> ready() {
    return ready;
  }

  void markReady() {
    ready.complete(this);
  }

  void fail(Throwable cause) {
    ready.completeExceptionally(cause);
  }

  void dispatch(String text) {
    dialect.onFrame(this, text);
  }

  boolean readyOnHandshake() {
    return dialect.readyOnHandshake();
  }
}
