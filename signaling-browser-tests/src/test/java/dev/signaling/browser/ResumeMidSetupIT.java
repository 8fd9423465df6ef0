package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.JoinOutcome;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingObserver;
import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * js/signaling.js resumes: the signaling connection that carries the SDP answer is reset (by a
 * proxy in the test namespace) before the answer reaches the page; the page resumes its session,
 * the server replays the answer, and the call connects with no second {@code create or join}.
 */
class ResumeMidSetupIT extends BrowserTest {
  private final List<JoinOutcome> joins = new CopyOnWriteArrayList<>();
  private final List<ResumeOutcome> resumes = new CopyOnWriteArrayList<>();

  @Override
  ExampleServer newServer() throws IOException {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().clientLogging(true).resumeWindow(Duration.ofSeconds(30)).build())
        .observer(new SignalingObserver() {
          @Override
          public void joinCompleted(JoinOutcome outcome, Duration latency) {
            joins.add(outcome);
          }

          @Override
          public void resumeCompleted(ResumeOutcome outcome) {
            resumes.add(outcome);
          }
        })
        .build();
    Transport transport = Transport.valueOf(
        System.getProperty("signaling.transport", "grizzly").toUpperCase(java.util.Locale.ROOT));
    return ExampleServer.builder().transport(transport).host("127.0.0.1").port(0).engine(engine).build().start();
  }

  @Test
  void aConnectionDroppedBeforeTheAnswerArrivesResumesAndTheCallConnects() throws IOException {
    try (AnswerCuttingProxy proxy = new AnswerCuttingProxy(server.port())) {
      String roomUrl = "http://127.0.0.1:" + proxy.port() + "/" + room;
      Page alice = browser.open("alice", roomUrl);
      alice.awaitStatus("waiting");
      Page bob = browser.open("bob", roomUrl);

      for (Page page : List.of(alice, bob)) {
        Map<String, Object> call = page.awaitCall();
        assertEquals("connected", call.get("connectionState"), page + ": " + call);
        assertTrue(((Number) call.get("videoWidth")).intValue() > 0, page + ": " + call);
        assertEquals("connected", page.status().state(), page + " shows " + page.status());
      }
      assertTrue(proxy.cut(), "the proxy saw the answer and reset that connection");
      assertEquals(List.of(ResumeOutcome.RESUMED), resumes, "one resume, taken");
      assertEquals(List.of(JoinOutcome.CREATED, JoinOutcome.JOINED), joins, "one join per page, none after the resume");
    }
  }
}
