package dev.signaling.transport.socketio.internal;

/** A Socket.IO packet that breaks the protocol; the connection is closed. */
final class MalformedPacketException extends Exception {
  MalformedPacketException(String message) {
    super(message, null, false, false); // expected on bad input: no stack trace to fill
  }
}
