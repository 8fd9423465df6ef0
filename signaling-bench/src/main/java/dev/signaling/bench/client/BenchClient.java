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
  static final String CUT = "cut";
  private final int index;
  private final Channel channel;
  private final Dialect dialect;
  private final ClientListener listener;
  private final CompletableFuture<BenchClient> ready = new CompletableFuture<>();
  /** Scenario state for this connection, touched only on its event loop. */
  public Object attachment;
  /** Resume state shared by this session's successive connections; null without resume. */
  private ResumeSession session;

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

  public ResumeSession session() {
    return session;
  }

  void session(ResumeSession session) {
    this.session = session;
  }

  public ClientListener listener() {
    return listener;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Sends an event; {@code argsJson} is the JSON of each argument, comma-separated. */
  public void emit(String event, String argsJson) {
    if (session != null) {
      session.send(event, argsJson);
      return;
    }
    sendRaw(dialect.frame(event, argsJson));
  }

  /** Sends one text frame as is. */
  public void sendRaw(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)), channel.voidPromise());
  }

  /** Closes the connection (Netty's WebSocket client handler sends a normal close frame first). */
  public void close() {
    channel.close();
  }

  /**
   * Cuts the TCP connection without a WebSocket close frame (Netty's client handler would
   * otherwise send a normal close, 1000, which ends a resumable session for good).
   */
  public void cut() {
    var head = channel.pipeline().context(CUT);
    if (head != null) {
      head.close();
    } else {
      channel.close();
    }
  }

  /** Closes normally (1000): used for a throwaway connection whose resume was refused. */
  public void closeNormally() {
    channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1000, "retry"))
        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
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
