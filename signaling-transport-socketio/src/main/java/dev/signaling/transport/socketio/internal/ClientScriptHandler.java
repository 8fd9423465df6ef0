package dev.signaling.transport.socketio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Serves this library's small socket.io-compatible client script (read once, kept in memory). */
public final class ClientScriptHandler extends HttpHandler {
  private static final String RESOURCE = "/dev/signaling/transport/socketio/socket.io.js";
  private final byte[] script;

  public ClientScriptHandler() {
    try (InputStream in = ClientScriptHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      script = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void service(Request request, Response response) throws IOException {
    response.setContentType("text/javascript; charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(script.length);
    response.getOutputStream().write(script);
  }
}
