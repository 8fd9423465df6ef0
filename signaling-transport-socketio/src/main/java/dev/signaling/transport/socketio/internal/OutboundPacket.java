package dev.signaling.transport.socketio.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An Engine.IO packet on its way out: text (type digit and data, e.g. {@code 4hello}) or a
 * binary message. WebSocket sends text as a text frame and binary as a binary frame; polling
 * sends binary base64-encoded behind a {@code b}.
 */
public record OutboundPacket(String text, byte[] binary) {
  static final OutboundPacket PING = text("2");
  static final OutboundPacket PONG_PROBE = text("3probe");
  static final OutboundPacket NOOP = text("6");
  static final OutboundPacket CLOSE = text("1");

  static OutboundPacket text(String text) {
    return new OutboundPacket(text, null);
  }

  static OutboundPacket binary(byte[] data) {
    return new OutboundPacket(null, data);
  }

  public boolean isBinary() {
    return binary != null;
  }

  /** The packet as it appears in a polling payload. */
  String pollingForm() {
    return isBinary() ? "b" + Base64.getEncoder().encodeToString(binary) : text;
  }

  /** Bytes this packet weighs in a send queue (an estimate for text: UTF-16 length). */
  public long weight() {
    return isBinary() ? binary.length : text.length();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
