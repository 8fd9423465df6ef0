package dev.signaling.transport.socketio.internal;

import java.util.Base64;

/**
 * An Engine.IO packet on its way out: text (its type digit and its data, e.g. {@code 4hello}) or
 * a binary message. WebSocket sends text as a text frame and binary as a binary frame; polling
 * sends binary base64-encoded behind a {@code b}.
 *
 * <p>A text packet keeps its type apart from its data, so that a message packet ({@code 4}
 * followed by a Socket.IO packet, often kilobytes of relayed JSON) is never copied only to put
 * the {@code 4} in front: a transport writes the type, then the data ({@link #type()}, {@link
 * #data()}), where it can.
 *
 * @param type the packet type digit of a text packet; 0 for binary
 * @param data the text after the type digit; null for binary
 * @param binary the bytes of a binary message; null for text
 */
public record OutboundPacket(char type, String data, byte[] binary) {
  static final OutboundPacket PING = text("2");
  static final OutboundPacket PONG_PROBE = text("3probe");
  static final OutboundPacket NOOP = text("6");
  static final OutboundPacket CLOSE = text("1");

  /** A text packet, {@code text} starting with its type digit. */
  static OutboundPacket text(String text) {
    return new OutboundPacket(text.charAt(0), text.substring(1), null);
  }

  /** An Engine.IO message ({@code 4}) carrying {@code data}, which is not copied. */
  static OutboundPacket message(String data) {
    return new OutboundPacket('4', data, null);
  }

  static OutboundPacket binary(byte[] data) {
    return new OutboundPacket((char) 0, null, data);
  }

  public boolean isBinary() {
    return binary != null;
  }

  /** The whole text of a text packet, type digit first (a new string unless the data is empty). */
  public String text() {
    return data.isEmpty() ? String.valueOf(type) : type + data;
  }

  /** Appends the packet as it appears in a polling payload. */
  void appendPollingForm(StringBuilder payload) {
    if (isBinary()) {
      payload.append('b').append(Base64.getEncoder().encodeToString(binary));
    } else {
      payload.append(type).append(data);
    }
  }

  /** Bytes this packet weighs in a send queue (an estimate for text: UTF-16 length). */
  public long weight() {
    return isBinary() ? binary.length : 1 + data.length();
  }
}
