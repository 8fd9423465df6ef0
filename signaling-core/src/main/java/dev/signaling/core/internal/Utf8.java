package dev.signaling.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 well-formedness (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing past
 * U+10FFFF) and UTF-8 lengths, without decoding or allocating. The JDK decodes (replacing or
 * allocating a {@code CharBuffer}) but has no plain check; Jackson's byte parser checks the
 * shape of multi-byte sequences but lets overlong forms and surrogates through, which a
 * browser receiving them in a text frame would fail the connection for.
 */
public final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * The offset of the first byte of {@code bytes[offset, offset + length)} that does not start a
   * well-formed UTF-8 sequence (a truncated sequence at the end included), or -1 when every byte
   * does. ASCII is checked eight bytes at a time.
   */
  public static int firstInvalid(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (end - i >= Long.BYTES && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
        continue;
      }
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int size = sequenceLength(bytes, i, end);
      if (size == 0) {
        return i;
      }
      i += size;
    }
    return -1;
  }

  /** The length of the well-formed sequence at {@code i} (whose lead byte is not ASCII), or 0. */
  private static int sequenceLength(byte[] bytes, int i, int end) {
    int lead = bytes[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return i + 1 < end && isContinuation(bytes[i + 1]) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      if (i + 2 >= end) {
        return 0;
      }
      int second = bytes[i + 1] & 0xFF;
      int low = lead == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
      int high = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
      return second >= low && second <= high && isContinuation(bytes[i + 2]) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      if (i + 3 >= end) {
        return 0;
      }
      int second = bytes[i + 1] & 0xFF;
      int low = lead == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
      int high = lead == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
      return second >= low && second <= high && isContinuation(bytes[i + 2]) && isContinuation(bytes[i + 3]) ? 4 : 0;
    }
    return 0; // a continuation byte, C0/C1 (overlong) or F5..FF
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /**
   * The size of {@code text} in UTF-8 as {@code String.getBytes(UTF_8)} writes it (a lone
   * surrogate as the one byte {@code ?}), without encoding it.
   */
  public static int length(String text) {
    int bytes = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 2; // with its low surrogate: 4 bytes for 2 chars
        i++;
      }
    }
    return bytes;
  }
}
