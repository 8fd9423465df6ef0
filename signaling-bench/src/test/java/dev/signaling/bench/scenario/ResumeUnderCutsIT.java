package dev.signaling.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.bench.server.BenchServer;
import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** pairs --cut-every against the bench server: connections cut abruptly and resumed, nothing lost. */
class ResumeUnderCutsIT {

  private static long number(Result result, String key) {
    return ((Number) result.get(key)).longValue();
  }

  private static Result run(ExampleServer server, int cutEvery) throws Exception {
    Target target = new Target("127.0.0.1", server.port(), "native", 1, 2, 0, true, false);
    return new PairsScenario(target, new PairsScenario.Options(5, 200, Duration.ofMillis(500),
        Duration.ofSeconds(3), 0, 500, Duration.ofSeconds(10), Duration.ofSeconds(20), cutEvery)).run();
  }

  @Test
  void cutConnectionsResumeWithNothingLostRepeatedOrReordered() throws Exception {
    try (ExampleServer server = BenchServer.start("127.0.0.1", 0, Transport.GRIZZLY, Duration.ofSeconds(30))) {
      Result result = run(server, 40);
      // 500 relays/s for 3.5 s over 10 connections: ~175 frames each, a cut every ~40.
      assertTrue(number(result, "cuts") >= 10, result.table());
      assertEquals(number(result, "cuts"), number(result, "resumes"), result.table());
      assertEquals(0, number(result, "resumeFailures"), result.table());
      assertEquals(0, number(result, "lost"), result.table());
      assertEquals(0, number(result, "duplicated"), result.table());
      assertEquals(0, number(result, "reordered"), result.table());
      assertEquals(0, number(result, "errors"), result.table());
      // The offered rate is 500/s; a loose floor only shows the cuts did not stall the relay.
      assertTrue((double) result.get("relayedPerSecond") >= 250, result.table());
    }
  }

  @Test
  void cutsAgainstAServerWithoutResumeAreReportedNotHidden() throws Exception {
    try (ExampleServer server = BenchServer.start("127.0.0.1", 0, Transport.GRIZZLY, Duration.ZERO)) {
      Result result = run(server, 40);
      assertTrue(number(result, "cuts") > 0, result.table());
      assertEquals(0, number(result, "resumes"), result.table());
      assertTrue(number(result, "errors") > 0, result.table());
      assertTrue(number(result, "lost") > 0, result.table());
    }
  }
}
