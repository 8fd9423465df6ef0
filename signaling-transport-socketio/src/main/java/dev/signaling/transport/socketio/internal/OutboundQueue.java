package dev.signaling.transport.socketio.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The packets one WebSocket has waiting to be sent, bounded in bytes: the slow-reader rule every
 * {@link WebSocketChannel} adapter applies (JSR-356, Netty). Any thread may {@link #offer}; one
 * drainer at a time {@link #poll}s. Changes of the queued bytes go to the engine's send-queue
 * gauge through {@link #onChange}.
 */
public final class OutboundQueue {
  private final long maxBytes;
  private final ConcurrentLinkedQueue<OutboundPacket> packets = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private volatile LongConsumer change = delta -> { };

  public OutboundQueue(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Where changes of the queued bytes go (+ queued, - sent or dropped). */
  public void onChange(LongConsumer change) {
    this.change = change;
  }

  /**
   * Queues {@code packet}; false when it would put the queue past its bound: then nothing is
   * queued and what was is dropped (the reader is too slow; the caller closes with 1008).
   */
  public boolean offer(OutboundPacket packet) {
    if (bytes.addAndGet(packet.weight()) > maxBytes) {
      bytes.addAndGet(-packet.weight());
      clear();
      return false;
    }
    change.accept(packet.weight());
    packets.add(packet);
    return true;
  }

  /** The next packet to send, or null. */
  public OutboundPacket poll() {
    OutboundPacket packet = packets.poll();
    if (packet != null) {
      bytes.addAndGet(-packet.weight());
      change.accept(-packet.weight());
    }
    return packet;
  }

  public boolean isEmpty() {
    return packets.isEmpty();
  }

  /** Drops what is queued. */
  public void clear() {
    for (OutboundPacket packet = packets.poll(); packet != null; packet = packets.poll()) {
      bytes.addAndGet(-packet.weight());
      change.accept(-packet.weight());
    }
  }
}
