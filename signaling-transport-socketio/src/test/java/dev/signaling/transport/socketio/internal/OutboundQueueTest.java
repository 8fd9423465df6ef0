package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final AtomicLong gauge = new AtomicLong();

  @Test
  void packetsLeaveInOrderAndTheGaugeFollowsTheQueuedBytes() {
    OutboundQueue queue = new OutboundQueue(100);
    queue.onChange(gauge::addAndGet);
    assertTrue(queue.offer(OutboundPacket.text("4one")));
    assertTrue(queue.offer(OutboundPacket.binary(new byte[10])));
    assertEquals(14, gauge.get());
    assertEquals("4one", queue.poll().text());
    assertEquals(10, gauge.get());
    assertTrue(queue.poll().isBinary());
    assertNull(queue.poll());
    assertEquals(0, gauge.get());
  }

  @Test
  void aPacketPastTheBoundIsRefusedAndWhatWasQueuedIsDropped() {
    OutboundQueue queue = new OutboundQueue(10);
    queue.onChange(gauge::addAndGet);
    assertTrue(queue.offer(OutboundPacket.text("4abcdef")));
    assertFalse(queue.offer(OutboundPacket.text("4ghij")), "7 + 5 bytes exceed the bound of 10");
    assertTrue(queue.isEmpty(), "a reader this slow gets nothing more: the channel closes");
    assertEquals(0, gauge.get());
  }
}
