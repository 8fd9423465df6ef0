package dev.signaling.transport.socketio.internal;

import java.io.IOException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Serves {@link ClientScript} on Grizzly's HTTP server. */
public final class ClientScriptHandler extends HttpHandler {
  private final byte[] script = ClientScript.bytes();

  private ClientScriptHandler() {}

  /** Declared as {@link HttpHandler}: see {@link PollingHttpHandler#create}. */
  public static HttpHandler create() {
    return new ClientScriptHandler();
  }

  @Override
  public void service(Request request, Response response) throws IOException {
    String method = request.getMethod().getMethodString();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setStatus(405);
      response.setHeader("Allow", "GET, HEAD");
      return;
    }
    response.setContentType(ClientScript.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(script.length);
    if (method.equals("GET")) {
      response.getOutputStream().write(script);
    }
  }
}
