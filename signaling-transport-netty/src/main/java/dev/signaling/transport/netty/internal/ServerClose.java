package dev.signaling.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of a closing handshake the server starts (RFC 6455, sections 5.5.1 and
 * 7.1.1): the close frame goes out after what is already queued; then the connection stays open
 * for reading until the client answers with its own close frame (or its input ends), and only
 * then closes. Until it closes, the connection's handler reads and drops every other frame
 * ({@link #started()}). The protocol's session learns that the connection ended as soon as the
 * close frame is out (or failed), not when the client answers: for it, the connection is over.
 *
 * <p>Why not close as soon as the close frame is written: closing a TCP socket whose receive
 * buffer still holds unread bytes makes the kernel send a reset instead of an orderly end. A
 * client still sending when the server closes it (a flooder closed 1008 for its rate, a client
 * closed for a too-big message) then has its writes fail, or the reset overtakes the close frame,
 * and it reports 1006 (abnormal) instead of the server's code.
 *
 * <p>Bounded: a close frame that cannot be written within {@link #WRITE_GRACE} (a reader that
 * never reads) and a client that does not answer within {@link #ANSWER_WAIT} after it was
 * written are cut. One instance per connection; {@link #start} from any thread, {@link
 * #answered} on the channel's event loop.
 */
final class ServerClose {
  private static final Logger log = LoggerFactory.getLogger(ServerClose.class);
  /** How long a close frame may wait behind queued frames before the connection is cut. */
  static final Duration WRITE_GRACE = Duration.ofSeconds(5);
  /** How long the client has to answer a written close frame before the connection is cut. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ChannelFuture written;

  /** Whether the server has started closing: frames that arrive now are read and dropped. */
  boolean started() {
    return started.get();
  }

  /**
   * Sends {@code frame} after what is queued and closes the connection when the client answers
   * (or within the bounds). {@code ended} runs on the event loop, as a task of its own (never
   * inside the caller's call), once the frame is written or failed. Returns false, releasing
   * {@code frame}, when a close already started.
   */
  boolean start(Channel channel, CloseWebSocketFrame frame, Runnable ended) {
    if (!started.compareAndSet(false, true)) {
      frame.release();
      return false;
    }
    if (!channel.isActive() || channel.eventLoop().isShuttingDown()) {
      // Closed already, or the server stopped (an engine closed after its server): nothing to send.
      frame.release();
      channel.close();
      return true;
    }
    ChannelFuture write = channel.writeAndFlush(frame);
    written = write;
    write.addListener(done -> {
      if (done.isSuccess()) {
        cutAfter(channel, ANSWER_WAIT, "answer to its close frame");
      } else {
        channel.close();
      }
      try {
        channel.eventLoop().execute(ended);
      } catch (RejectedExecutionException stopped) {
        ended.run(); // the loop stopped meanwhile: no call of the caller's is running on it
      }
    });
    cutAfter(channel, WRITE_GRACE, "write of its close frame behind queued frames");
    return true;
  }

  /**
   * The client's close frame arrived. When it answers the server's, the connection closes once
   * the server's frame is out (true: the caller sends nothing back); otherwise false, and the
   * caller answers it as a close the client started.
   */
  boolean answered(Channel channel) {
    if (!started.get()) {
      return false;
    }
    ChannelFuture write = written;
    if (write == null) {
      channel.close(); // started on an inactive channel, or between the flag and the write: nothing to wait for
    } else {
      write.addListener(ChannelFutureListener.CLOSE);
    }
    return true;
  }

  private static void cutAfter(Channel channel, Duration delay, String what) {
    try {
      channel.eventLoop().schedule(() -> {
        if (channel.isOpen()) {
          log.debug("Close of {} cut: no {} within {}", channel, what, delay);
          channel.close();
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The server stopped and its event loop with it (an engine closed after its server): the
      // channel goes down with the loop, there is nothing left to time out.
      log.debug("Close of {} after its event loop stopped", channel);
    }
  }
}
