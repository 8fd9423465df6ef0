package dev.signaling.bench.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

/**
 * A bare echo: each text frame goes back to its sender, with the same session settings as the
 * signaling endpoint (no container idle timer) and an async send, so its cost is the container's
 * own per-message floor.
 */
public final class EchoEndpoint extends Endpoint {
  private static final SendHandler IGNORE = result -> { };

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxIdleTimeout(-1);
    session.setMaxTextMessageBufferSize(64 * 1024);
    var remote = session.getAsyncRemote();
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> remote.sendText(text, IGNORE));
  }
}
