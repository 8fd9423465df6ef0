package dev.signaling.transport.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The meter below flush consolidation (as the upgrade places it): flushes held for the end of a
 * batch never make a connection look like a slow reader.
 */
class SendQueueMeterTest {

  /** Stands for flush consolidation in the middle of a batch: every flush held. */
  private static final class HeldFlushes extends ChannelOutboundHandlerAdapter {
    @Override
    public void flush(ChannelHandlerContext ctx) {}
  }

  @Test
  void writesHeldForTheBatchGoOutOnceTheyPassTheHighWaterMarkInsteadOfMakingTheChannelUnwritable() {
    AtomicLong queued = new AtomicLong();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1_000, 2_000));
    channel.pipeline().addLast(new SendQueueMeter(queued::addAndGet), new HeldFlushes());

    // A relayed burst: each frame written and flushed, the flushes held above the meter.
    for (int i = 0; i < 10; i++) {
      channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[500]));
      assertTrue(channel.isWritable(), "unwritable after " + (i + 1) + " frames of 500 bytes");
    }

    int out = 0;
    for (Object frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
      out++;
      io.netty.util.ReferenceCountUtil.release(frame);
    }
    assertTrue(out >= 8, "the frames past the water mark went out at once: " + out);
    assertEquals(0, queued.get(), "nothing reported waiting: the socket took every byte it was given");
    channel.close();
    assertFalse(channel.finishAndReleaseAll());
  }
}
