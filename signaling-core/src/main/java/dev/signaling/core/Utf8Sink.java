package dev.signaling.core;

/**
 * Where UTF-8 bytes are written piece by piece, in order: a transport's outbound buffer, an
 * array. The bytes are lent for the call only: the sink copies them and never keeps the array.
 */
@FunctionalInterface
public interface Utf8Sink {

  /** Appends {@code bytes[offset, offset + length)}. */
  void write(byte[] bytes, int offset, int length);
}
