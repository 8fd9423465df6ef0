package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many threads join the same rooms at once: no room ever exceeds its capacity. */
class JoinRaceTest {

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {1, 2, 5})
  void racingJoinsGiveExactlyOneCreatedAndCapacityMinusOneJoined(int capacity) throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(capacity).build()).build();
    int threads = 16;
    int rounds = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        String room = "race-" + round;
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          sinks.add(RecordingSink.connect(engine));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (RecordingSink sink : sinks) {
          done.add(pool.submit(() -> {
            start.await();
            sink.peer.receive(new ClientEvent.CreateOrJoin(room));
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(10, TimeUnit.SECONDS);
        }
        int created = 0;
        int joined = 0;
        int full = 0;
        for (RecordingSink sink : sinks) {
          created += sink.eventsOf(ServerEvent.Created.class).size();
          joined += sink.eventsOf(ServerEvent.Joined.class).size();
          full += sink.eventsOf(ServerEvent.Full.class).size();
        }
        assertEquals(1, created, "created in " + room);
        assertEquals(capacity - 1, joined, "joined in " + room);
        assertEquals(threads - capacity, full, "full in " + room);
        long members = sinks.stream().filter(s -> s.peer.room().isPresent()).count();
        assertEquals(capacity, members, "members of " + room);
        sinks.forEach(s -> s.peer.disconnected());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, engine.roomCount());
  }
}
