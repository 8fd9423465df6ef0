package dev.signaling.bench.jmh;

import dev.signaling.core.CloseReason;
import dev.signaling.core.Handshake;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.protocol.Utf8Frame;
import dev.signaling.core.transport.NativeSocket;
import dev.signaling.transport.socketio.engineio.EngineIoSocket;
import dev.signaling.transport.socketio.internal.OutboundPacket;
import dev.signaling.transport.socketio.internal.WebSocketChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the engine benchmarks share: an engine configured as the bench server configures it, and
 * connections that hand what they are sent to a {@link Blackhole} instead of a network. Each drop
 * connection counts what it got (a set-up checks its round before measuring) and keeps what it
 * got last while no blackhole is set.
 */
final class BenchFixture {
  private BenchFixture() {}

  /** The bench server's settings: rooms of two, no client log lines, no ipaddr answers, no rate limit. */
  static SignalingConfig.Builder benchConfig() {
    return SignalingConfig.builder().roomCapacity(2).clientLogging(false).ipAddrAnswers(false)
        .rateLimit(RateLimit.UNLIMITED);
  }

  /** An engine with the bench server's settings and no connection limits. */
  static SignalingEngine engine() {
    return engine(benchConfig().build());
  }

  /** An engine with {@code config} and no connection limits. */
  static SignalingEngine engine(SignalingConfig config) {
    return SignalingEngine.builder().config(config).connectionLimits(ConnectionLimits.UNLIMITED).build();
  }

  /** What every drop connection has: a blackhole set after the set-up's check, a count, the last item. */
  abstract static class Drop {
    volatile Blackhole hole;
    int count;
    Object last;

    final void drop(Object item) {
      count++;
      Blackhole target = hole;
      if (target != null) {
        target.consume(item);
      } else {
        last = item;
      }
    }
  }

  /**
   * A native-protocol socket. Its session closing it while measuring is an error (the figures
   * would measure a dead session), until {@link #allowClose} at tear-down.
   */
  static final class DropSocket extends Drop implements NativeSocket {
    private final boolean utf8;
    private volatile boolean closeAllowed;

    /** {@code utf8}: the Netty path (frames as bytes); otherwise the JSR-356 path (Strings). */
    DropSocket(boolean utf8) {
      this.utf8 = utf8;
    }

    void allowClose() {
      closeAllowed = true;
    }

    @Override
    public boolean writesUtf8() {
      return utf8;
    }

    @Override
    public void sendText(String frame) {
      drop(frame);
    }

    /** As the Netty transport writes a frame: its pieces copied into a pooled direct buffer (released here). */
    @Override
    public void sendText(Utf8Frame frame) {
      ByteBuf buffer = ByteBufAllocator.DEFAULT.ioBuffer(frame.length());
      frame.writeTo(buffer::writeBytes);
      drop(buffer);
      buffer.release();
    }

    @Override
    public void sendPing() {}

    @Override
    public void close(CloseReason reason, String description) {
      if (!closeAllowed) {
        throw new IllegalStateException("closed while measuring: " + reason + " " + description);
      }
    }

    @Override
    public String id() {
      return "bench";
    }
  }

  /** A Socket.IO session's WebSocket: its queued packets go to the blackhole (the Netty write is not measured). */
  static final class DropChannel extends Drop implements WebSocketChannel {
    @Override
    public void enqueue(OutboundPacket packet) {
      drop(packet);
    }

    @Override
    public void flush() {}

    @Override
    public void close(int code, String reason) {}
  }

  /** An Engine.IO socket below the Socket.IO layer: the packet texts it is asked to send go to the blackhole. */
  static final class DropEngineIoSocket extends Drop implements EngineIoSocket {
    private final String id;

    DropEngineIoSocket(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Handshake handshake() {
      return Handshake.empty();
    }

    @Override
    public void sendText(String message) {
      drop(message);
    }

    @Override
    public void sendBinary(byte[] message) {
      throw new UnsupportedOperationException("no binary in this benchmark");
    }

    @Override
    public void sendText(String message, List<byte[]> followingBinaries) {
      throw new UnsupportedOperationException("no binary in this benchmark");
    }

    @Override
    public void close() {}
  }
}
