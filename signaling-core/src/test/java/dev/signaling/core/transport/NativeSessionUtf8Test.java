package dev.signaling.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.CloseReason;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.protocol.Utf8Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session's byte path (the Netty transport's): frames in as UTF-8 bytes, frames out as bytes
 * to a socket that {@linkplain NativeSocket#writesUtf8() writes bytes}, as text to one that does
 * not, with the size limit, bad input and resume numbering of the text path.
 */
class NativeSessionUtf8Test {
  private static final int LIMIT = 200;

  private SignalingEngine engine;
  private NativeSessions sessions;

  private void start(ResumePolicy resume) {
    engine = SignalingEngine.builder().config(SignalingConfig.builder().resume(resume).build()).build();
    sessions = NativeSessions.create(engine, WebSocketOptions.builder().maxTextMessageBytes(LIMIT).build());
  }

  @AfterEach
  void stop() {
    sessions.close();
    engine.close();
  }

  /** A socket that records what the session writes, as the transport would put it on the wire. */
  static final class RecordingSocket implements NativeSocket {
    final boolean bytes;
    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    volatile CloseReason closedWith;

    RecordingSocket(boolean bytes) {
      this.bytes = bytes;
    }

    @Override
    public boolean writesUtf8() {
      return bytes;
    }

    @Override
    public void sendText(String frame) {
      if (bytes) {
        throw new AssertionError("a byte socket got a String: " + frame);
      }
      frames.add(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** As a transport copies the pieces into its outbound buffer. */
    @Override
    public void sendText(Utf8Frame frame) {
      if (!bytes) {
        throw new AssertionError("a text socket got bytes");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      frame.writeTo(out::write);
      if (out.size() != frame.length()) {
        throw new AssertionError(out.size() + " bytes written of a frame of " + frame.length());
      }
      frames.add(out.toByteArray());
    }

    @Override
    public void sendText(byte[] utf8) {
      throw new AssertionError("a byte socket gets frames in pieces, not arrays");
    }

    @Override
    public void sendPing() {}

    @Override
    public void close(CloseReason reason, String description) {
      closedWith = reason;
    }

    @Override
    public String id() {
      return "recording";
    }

    List<String> texts() {
      return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    String last() {
      List<String> texts = texts();
      return texts.get(texts.size() - 1);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private NativeSession[] pairIn(String room, RecordingSocket a, RecordingSocket b) {
    NativeSession alice = sessions.open(a);
    NativeSession bob = sessions.open(b);
    alice.onText(utf8("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}"));
    bob.onText(utf8("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}"));
    return new NativeSession[] {alice, bob};
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aMultiByteMessageReachesThePartnerByteForByteOnEitherKindOfSocket(boolean partnerWritesBytes) {
    start(ResumePolicy.OFF);
    RecordingSocket a = new RecordingSocket(true);
    RecordingSocket b = new RecordingSocket(partnerWritesBytes);
    NativeSession[] pair = pairIn("rööm", a, b);
    String payload = "{\"sdp\":\"v=0 é 日本 😀 \\ud83d\\ude00\\r\\n\"}";

    pair[0].onText(utf8("{\"event\":\"message\",\"args\":[" + payload + "]}"));

    String from = pair[0].peer().id();
    assertArrayEquals(utf8("{\"event\":\"message\",\"args\":[" + payload + ",\"" + from + "\"]}"),
        b.frames.get(b.frames.size() - 1));
    assertTrue(a.texts().get(0).startsWith("{\"event\":\"created\",\"args\":[\"rööm\""), a.texts().get(0));
    assertNull(a.closedWith);
  }

  @Test
  void aResumableSessionNumbersItsByteFramesAndAcknowledges() {
    start(ResumePolicy.DEFAULT);
    RecordingSocket a = new RecordingSocket(true);
    RecordingSocket b = new RecordingSocket(true);
    NativeSession[] pair = pairIn("r", a, b);

    pair[0].onText(utf8("{\"event\":\"message\",\"args\":[\"ü\"],\"seq\":1}"));

    assertTrue(a.texts().get(0).startsWith("{\"event\":\"welcome\""), a.texts().get(0));
    assertEquals("{\"event\":\"message\",\"args\":[\"ü\",\"" + pair[0].peer().id() + "\"],\"seq\":3}", b.last());
  }

  @Test
  void aFrameOfExactlyTheLimitIsReadAndOneByteMoreCloses1009() {
    start(ResumePolicy.OFF);
    RecordingSocket a = new RecordingSocket(true);
    RecordingSocket b = new RecordingSocket(true);
    NativeSession[] pair = pairIn("r", a, b);
    String head = "{\"event\":\"message\",\"args\":[\"";
    String tail = "\"]}";
    // Multi-byte characters count in bytes: 'é' is two of them.
    String fill = "é".repeat((LIMIT - head.length() - tail.length() - 1) / 2);
    String xs = "x".repeat(LIMIT - utf8(head + fill + tail).length);
    String exact = head + fill + xs + tail;
    String over = head + fill + xs + "x" + tail;
    assertEquals(LIMIT, utf8(exact).length);

    pair[0].onText(utf8(exact));
    assertTrue(b.last().startsWith("{\"event\":\"message\",\"args\":[\"éé"), b.last());
    assertNull(a.closedWith);

    pair[0].onText(utf8(over));
    assertEquals(CloseReason.MESSAGE_TOO_BIG, a.closedWith);
  }

  @Test
  void badJsonGetsAnErrorEventAndTheConnectionStays() {
    start(ResumePolicy.OFF);
    RecordingSocket a = new RecordingSocket(true);
    NativeSession alice = sessions.open(a);

    alice.onText(utf8("{\"event\":\"message\",\"args\":[{]}"));
    alice.onText(utf8("{\"event\":\"create or join\",\"args\":[\"r\"]}"));

    assertTrue(a.texts().get(0).startsWith("{\"event\":\"error\",\"args\":[{\"code\":\"invalid-json\""), a.texts().get(0));
    assertTrue(a.last().startsWith("{\"event\":\"created\""), a.last());
    assertNull(a.closedWith);
  }

  @Test
  void bytesThatAreNotUtf8Close1007AndTheRoomIsNotHarmed() {
    start(ResumePolicy.OFF);
    RecordingSocket a = new RecordingSocket(true);
    RecordingSocket b = new RecordingSocket(true);
    NativeSession[] pair = pairIn("r", a, b);
    int before = b.frames.size();
    byte[] frame = utf8("{\"event\":\"message\",\"args\":[\"x?\"]}");
    frame[frame.length - 4] = (byte) 0xC0; // an overlong lead byte inside the payload string

    pair[0].onText(frame);

    assertEquals(CloseReason.INVALID_PAYLOAD, a.closedWith);
    assertEquals(1007, CloseReason.INVALID_PAYLOAD.code());
    assertEquals(before, b.frames.size(), "nothing relayed");
    pair[0].closed(1007, "invalid UTF-8");
    assertTrue(b.last().startsWith("{\"event\":\"bye\""), b.last());
  }
}
