package dev.signaling.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.SelectorHandler;
import org.glassfish.grizzly.nio.SelectorRunner;

/**
 * Lets the WebSocket frames a selector thread writes to one connection during one round of its
 * selector loop leave in one TCP write. Tyrus writes every frame on its own, so a join that
 * answers {@code joined} then {@code ready} cost two write system calls (on loopback each also
 * carries the receiver's TCP processing), the most expensive part of a join storm.
 *
 * <p>Placed just below Tyrus's filter on the chain of upgraded connections ({@link
 * WebSocketUpgradeAddOn}), it sees the frames Tyrus writes (raw buffers; HTTP
 * responses pass untouched). On a selector thread, a frame is held back and reported written at
 * once, so the connection's send queue goes on with its next frame; at the end of the selector
 * round (a task Grizzly runs after the ready keys) each connection's held frames go down the
 * chain as one buffer. Other threads write directly, unless frames are held for that connection:
 * then theirs join them, so frames keep the order in which they reached this filter. A close
 * frame, a blocking write or any other message first sends what is held, so a close never
 * overtakes the frames before it. A failed write closes the connection, as any failed write does.
 */
final class WriteCoalescingFilter extends BaseFilter {
  private static final Attribute<Held> HELD =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WriteCoalescingFilter.class.getName() + ".held");
  private static final ThreadLocal<Round> ROUND = new ThreadLocal<>();
  private static final CompletionHandler<WriteResult> FLUSHED = new EmptyCompletionHandler<>();

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    Connection connection = ctx.getConnection();
    Object message = ctx.getMessage();
    CompletionHandler<WriteResult> handler = ctx.getTransportContext().getCompletionHandler();
    Held held = HELD.get(connection);
    if (!(message instanceof Buffer frame) || ctx.getTransportContext().isBlocking()) {
      if (held != null) {
        held.flush(); // what is held goes first
      }
      return ctx.getInvokeAction();
    }
    if (isCloseFrame(frame) || isBacklogged(connection)) {
      // A close must not overtake held frames, nor wait for the round's end (Tyrus closes the
      // connection once it is written). A connection whose writes already queue in Grizzly (a
      // slow reader) keeps real completions, so the transport's send queue sees the backlog.
      return held != null && held.addAndFlush(frame, handler) ? ctx.getStopAction() : ctx.getInvokeAction();
    }
    Round round = round(connection);
    if (round == null) {
      // Not a selector thread: join frames held for this connection, else write directly.
      if (held == null || !held.add(frame)) {
        return ctx.getInvokeAction();
      }
    } else if (held == null || !held.add(frame)) {
      held = new Held(connection, ctx.getFilterChain(), ctx.getFilterIdx());
      held.add(frame);
      HELD.set(connection, held);
      round.schedule(held);
    }
    if (handler != null) {
      handler.completed(WriteResult.create(connection, frame, null, frame.remaining()));
    }
    return ctx.getStopAction();
  }

  private static boolean isBacklogged(Connection<?> connection) {
    return connection instanceof NIOConnection nio && nio.getAsyncWriteQueue().spaceInBytes() > 0;
  }

  /** The current thread's selector round, when it is the selector thread of {@code connection}. */
  private static Round round(Connection<?> connection) {
    Round round = ROUND.get();
    if (round != null && round.runner.getRunnerThread() == Thread.currentThread()) {
      return round;
    }
    if (connection instanceof NIOConnection nio) {
      SelectorRunner runner = nio.getSelectorRunner();
      if (runner != null && runner.getRunnerThread() == Thread.currentThread()) {
        round = new Round(runner, ((NIOTransport) nio.getTransport()).getSelectorHandler());
        ROUND.set(round);
        return round;
      }
    }
    return null;
  }

  /** A server frame's first byte: FIN and the opcode; 0x8 is close. Tyrus writes one frame per buffer. */
  private static boolean isCloseFrame(Buffer frame) {
    return frame.hasRemaining() && (frame.get(frame.position()) & 0x0F) == 0x08;
  }

  /** The frames held for one connection until the end of the selector round. */
  private static final class Held {
    private final Connection<?> connection;
    private final FilterChain chain;
    private final int filterIdx;
    private final List<Buffer> frames = new ArrayList<>(2);
    private boolean sent;

    Held(Connection<?> connection, FilterChain chain, int filterIdx) {
      this.connection = connection;
      this.chain = chain;
      this.filterIdx = filterIdx;
    }

    /** Holds {@code frame}; false when this holder was sent already (the caller starts another). */
    synchronized boolean add(Buffer frame) {
      if (sent) {
        return false;
      }
      frames.add(frame);
      return true;
    }

    /** Sends what is held with {@code frame} last, now; false when this holder was sent already. */
    synchronized boolean addAndFlush(Buffer frame, CompletionHandler<WriteResult> handler) {
      if (sent) {
        return false;
      }
      frames.add(frame);
      send(handler);
      return true;
    }

    /** Sends what is held, now (at the end of the selector round, or before another message). */
    synchronized void flush() {
      send(null);
    }

    /**
     * With the lock held, so that no other thread's frame can slip between the held ones and the
     * wire: a writer that finds this holder waits for the lock, finds it sent, and writes after it.
     * The holder stays registered until its write is issued, so no writer can miss it and go first.
     */
    private void send(CompletionHandler<WriteResult> handler) {
      if (sent) {
        return;
      }
      sent = true;
      try {
        if (!frames.isEmpty()) {
          Buffer all = frames.get(0);
          for (int i = 1; i < frames.size(); i++) {
            all = Buffers.appendBuffers(connection.getMemoryManager(), all, frames.get(i));
          }
          frames.clear();
          FilterChainContext write = chain.obtainFilterChainContext(connection);
          write.setFilterIdx(filterIdx);
          write.write(all, handler != null ? handler : FLUSHED); // runs in a context of its own
          write.completeAndRecycle();
        }
      } finally {
        if (HELD.get(connection) == this) {
          HELD.remove(connection);
        }
      }
    }
  }

  /** One selector thread's connections with held frames, sent by a task at the end of its round. */
  private static final class Round implements SelectorHandler.Task {
    private final SelectorRunner runner;
    private final SelectorHandler selectorHandler;
    private final List<Held> pending = new ArrayList<>();
    private boolean scheduled;

    Round(SelectorRunner runner, SelectorHandler selectorHandler) {
      this.runner = runner;
      this.selectorHandler = selectorHandler;
    }

    void schedule(Held held) {
      pending.add(held);
      if (!scheduled) {
        scheduled = true;
        selectorHandler.enque(runner, this, null);
      }
    }

    @Override
    public boolean run() {
      // Frames held while this runs (none are expected) schedule a task of their own.
      Held[] due = pending.toArray(new Held[0]);
      pending.clear();
      scheduled = false;
      for (Held held : due) {
        held.flush();
      }
      return true;
    }
  }
}
