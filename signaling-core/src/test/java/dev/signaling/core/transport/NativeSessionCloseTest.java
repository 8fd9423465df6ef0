package dev.signaling.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.CloseReason;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.NativeSessionUtf8Test.RecordingSocket;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a session's end reaches its room when writes fail around it, with resume on (the default):
 * a connection the server closed for a cause is never resumable, even when the transport, cutting
 * it because its close frame could not be written, fails the frames still queued for it.
 */
class NativeSessionCloseTest {
  private final SignalingEngine engine = SignalingEngine.builder().config(SignalingConfig.builder().build()).build();
  private final NativeSessions sessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
  private final RecordingSocket aliceSocket = new RecordingSocket(true);
  private final RecordingSocket bobSocket = new RecordingSocket(true);
  private NativeSession alice;

  @AfterEach
  void stop() {
    sessions.close();
    engine.close();
  }

  private void pair() {
    alice = sessions.open(aliceSocket);
    NativeSession bob = sessions.open(bobSocket);
    byte[] join = "{\"event\":\"create or join\",\"args\":[\"r\"]}".getBytes(StandardCharsets.UTF_8);
    alice.onText(join);
    bob.onText(join);
    assertTrue(bobSocket.last().startsWith("{\"event\":\"ready\""), bobSocket.texts().toString());
  }

  private boolean bobToldBye() {
    return bobSocket.texts().stream().anyMatch(text -> text.startsWith("{\"event\":\"bye\""));
  }

  @Test
  void aReaderTooSlowWhoseQueuedWritesFailWhenCutLeavesAtOnceAndItsPartnerIsToldBye() {
    pair();
    alice.readerTooSlow();
    assertEquals(CloseReason.TRY_AGAIN_LATER, aliceSocket.closedWith);
    // The close frame waited behind the full queue; the transport cut the connection and failed what was queued.
    alice.sendFailed(new ClosedChannelException());
    alice.closed(1006, "");
    assertTrue(bobToldBye(), "the partner is told bye, not kept waiting for a resume: " + bobSocket.texts());
  }

  @Test
  void aWriteThatFailsOnAnOpenConnectionLeavesItResumable() {
    pair();
    alice.sendFailed(new IOException("connection reset"));
    alice.closed(1006, "");
    assertEquals(CloseReason.GOING_AWAY, aliceSocket.closedWith);
    assertFalse(bobToldBye(), "a broken connection may resume: its peer stays for the window");
  }
}
