package dev.signaling.core.protocol;

import dev.signaling.core.RawJson;
import dev.signaling.core.Utf8Sink;

/**
 * One encoded text frame as UTF-8 bytes that are written where they lie: a {@code message}'s
 * payload stays a slice of the frame it came in ({@link RawJson}) between a fixed head and a
 * short tail (sender id, numbers), so a transport copies each byte once, straight into its
 * outbound buffer ({@link #writeTo}). Made by {@link NativeCodec#encodeFrame}; immutable,
 * thread-safe, and shared by the recipients of one event.
 */
public final class Utf8Frame {
  private final byte[] head;
  private final RawJson payload; // null: head is the whole frame
  private final byte[] tail;
  private final int length;
  /** The frame as one array, once asked for ({@link #toArray()}). */
  private volatile byte[] array;

  private Utf8Frame(byte[] head, RawJson payload, byte[] tail) {
    this.head = head;
    this.payload = payload;
    this.tail = tail;
    this.length = payload == null ? head.length : head.length + payload.utf8Length() + tail.length;
  }

  /** A frame of these bytes (the caller's: never changed afterwards). */
  public static Utf8Frame of(byte[] utf8) {
    return new Utf8Frame(utf8, null, null);
  }

  /** {@code head}, the payload's bytes, {@code tail}: arrays never changed afterwards. */
  static Utf8Frame around(byte[] head, RawJson payload, byte[] tail) {
    return new Utf8Frame(head, payload, tail);
  }

  /** The frame's size in bytes. */
  public int length() {
    return length;
  }

  /** Writes the frame's {@link #length()} bytes to {@code out}, in at most three pieces. */
  public void writeTo(Utf8Sink out) {
    out.write(head, 0, head.length);
    if (payload != null) {
      payload.writeUtf8(out);
      out.write(tail, 0, tail.length);
    }
  }

  /** The frame as one array (made once; never change it: recipients of one event share it). */
  public byte[] toArray() {
    if (payload == null) {
      return head;
    }
    byte[] known = array;
    if (known == null) {
      byte[] into = new byte[length];
      int[] at = {0};
      writeTo((bytes, offset, size) -> {
        System.arraycopy(bytes, offset, into, at[0], size);
        at[0] += size;
      });
      known = into;
      array = known;
    }
    return known;
  }

  @Override
  public String toString() {
    return "Utf8Frame[" + length + " bytes]";
  }
}
