package dev.signaling.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.core.transport.WebSocketOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two Java clients exchange 5,000 messages each way through a {@link FaultyProxy} that cuts their
 * connections at random moments, about every 100 messages: every message arrives exactly once,
 * in order, and neither side ever sees the other leave.
 */
class ExactlyOnceUnderCutsIT {
  private static final int MESSAGES = 5_000;
  /** Bytes both ways of about 100 messages of this test on one connection (measured: ~140 each). */
  private static final long BYTES_PER_100_MESSAGES = 14_000;

  /** Checks one direction's stream: payload numbers must come 1, 2, 3 … with nothing lost, repeated or reordered. */
  private static final class Receiver implements SignalingListener {
    final CountDownLatch done = new CountDownLatch(1);
    final CountDownLatch ready = new CountDownLatch(1);
    volatile int expected = 1;
    volatile int duplicated;
    volatile int reordered;
    volatile int byes;
    volatile int newSessions;
    volatile int resumes;
    final java.util.List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SignalingEvent event) {
      if (event instanceof SignalingEvent.Message m) {
        int n = m.payload().get("n").asInt();
        if (n == expected) {
          expected++;
          if (n == MESSAGES) {
            done.countDown();
          }
        } else if (n < expected) {
          duplicated++;
        } else {
          reordered++; // a gap: something before n is missing or comes later
          expected = n + 1;
        }
      } else if (event instanceof SignalingEvent.Ready) {
        ready.countDown();
      } else if (event instanceof SignalingEvent.Bye) {
        byes++;
      } else if (event instanceof SignalingEvent.Error || event instanceof SignalingEvent.Closed
          || event instanceof SignalingEvent.ConnectionLost || event instanceof SignalingEvent.SessionStarted) {
        if (lifecycle.size() < 20) {
          lifecycle.add(event + "@" + expected);
        }
        if (event instanceof SignalingEvent.SessionStarted s && s.replacedSession()) {
          newSessions++;
        }
      } else if (event instanceof SignalingEvent.SessionResumed) {
        resumes++;
      }
    }

    int lost() {
      return MESSAGES - (expected - 1);
    }
  }

  @Test
  void fiveThousandMessagesEachWayThroughRandomCutsArriveExactlyOnceInOrder() throws Exception {
    SignalingEngine engine = SignalingEngine.builder() // resume on: 30 s, 1,000 events, 1 MiB
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT)
            .rateLimit(RateLimit.UNLIMITED) // the streams here run faster than the default 50 events/s
            .build()).build();
    try (ExampleServer server = ExampleServer.builder().port(0).engine(engine)
            .webSocketOptions(WebSocketOptions.DEFAULT).build().start();
        FaultyProxy proxy = new FaultyProxy(server.port(), 0, 1)) {
      URI uri = URI.create("ws://127.0.0.1:" + proxy.port() + "/signaling");
      ReconnectPolicy quick = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 2, 0);
      Receiver atAlice = new Receiver();
      Receiver atBob = new Receiver();
      try (SignalingClient alice = SignalingClient.builder(uri).reconnect(quick).listener(atAlice).connect();
          SignalingClient bob = SignalingClient.builder(uri).reconnect(quick).listener(atBob).connect()) {
        alice.createOrJoin("cuts");
        bob.createOrJoin("cuts");
        assertTrue(atAlice.ready.await(10, TimeUnit.SECONDS));
        assertTrue(atBob.ready.await(10, TimeUnit.SECONDS));
        proxy.cutEvery(BYTES_PER_100_MESSAGES, 13);

        Thread aliceSends = sender(alice);
        Thread bobSends = sender(bob);
        boolean bobGotAll = atBob.done.await(90, TimeUnit.SECONDS);
        boolean aliceGotAll = atAlice.done.await(10, TimeUnit.SECONDS);
        aliceSends.join(10_000);
        bobSends.join(10_000);

        String report = "outcomes=" + engine.resumeOutcomes() + " cuts=" + proxy.cuts() + " connections=" + proxy.connections()
            + " alice: lost=" + atAlice.lost() + " dup=" + atAlice.duplicated + " reordered=" + atAlice.reordered
            + " resumes=" + atAlice.resumes
            + " | bob: lost=" + atBob.lost() + " dup=" + atBob.duplicated + " reordered=" + atBob.reordered
            + " resumes=" + atBob.resumes + "\n alice saw " + atAlice.lifecycle + "\n bob saw " + atBob.lifecycle;
        System.out.println("ExactlyOnceUnderCutsIT: " + report);
        assertTrue(bobGotAll && aliceGotAll, report);
        assertEquals(0, atAlice.lost() + atBob.lost(), report);
        assertEquals(0, atAlice.duplicated + atBob.duplicated, report);
        assertEquals(0, atAlice.reordered + atBob.reordered, report);
        assertEquals(0, atAlice.byes + atBob.byes, "nobody left the room: " + report);
        assertEquals(0, atAlice.newSessions + atBob.newSessions, "every cut was resumed: " + report);
        assertTrue(proxy.cuts() >= 50, "the proxy cut about every 100 messages: " + report);
      }
    }
  }

  private static Thread sender(SignalingClient client) {
    Thread thread = new Thread(() -> {
      for (int i = 1; i <= MESSAGES; i++) {
        client.message(Map.of("n", i));
        if (i % 5 == 0) {
          try {
            // About 250 messages a second, a steady stream so cuts fall in mid-traffic: the
            // server keeps the last 1,000 events for a replay, four seconds of this stream, which
            // a reconnect on this shared machine (a GC, a busy core) must not exceed.
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "sender");
    thread.start();
    return thread;
  }
}
