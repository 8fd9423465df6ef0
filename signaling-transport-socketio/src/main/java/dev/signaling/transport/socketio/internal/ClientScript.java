package dev.signaling.transport.socketio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** This library's small socket.io-compatible client script, read once; served by each adapter. */
public final class ClientScript {
  public static final String FILE_NAME = "socket.io.js";
  public static final String CONTENT_TYPE = "text/javascript; charset=UTF-8";
  private static final String RESOURCE = "/dev/signaling/transport/socketio/" + FILE_NAME;
  private static final byte[] SCRIPT = load();

  private ClientScript() {}

  /** The script's bytes (a copy). */
  public static byte[] bytes() {
    return SCRIPT.clone();
  }

  private static byte[] load() {
    try (InputStream in = ClientScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
