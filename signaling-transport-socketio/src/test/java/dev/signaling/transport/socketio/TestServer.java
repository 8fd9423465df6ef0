package dev.signaling.transport.socketio;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Grizzly HTTP server with Tyrus on one loopback port, as the example server builds it:
 * same-thread IO strategy (nothing may block the selector), WebSocket endpoints and HTTP
 * handlers side by side.
 */
public final class TestServer implements AutoCloseable {
  private final HttpServer http;
  private final EmbeddedTyrus tyrus;
  private final NetworkListener listener;

  private TestServer(int port, List<ServerEndpointConfig> endpoints, Map<String, HttpHandler> handlers) throws IOException {
    tyrus = new EmbeddedTyrus();
    tyrus.setDefaultMaxSessionIdleTimeout(-1);
    try {
      for (ServerEndpointConfig endpoint : endpoints) {
        tyrus.addEndpoint(endpoint);
      }
      tyrus.start("/", port);
    } catch (DeploymentException e) {
      throw new IOException(e);
    }
    tyrus.doneDeployment();
    http = new HttpServer();
    listener = new NetworkListener("test", "127.0.0.1", port);
    listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
    listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
    listener.registerAddOn(new WebSocketAddOn(tyrus, "/"));
    http.addListener(listener);
    handlers.forEach((path, handler) -> http.getServerConfiguration().addHttpHandler(handler, path));
    http.start();
  }

  /** Serves {@code socketIo}'s two transports at its path on a free loopback port. */
  public static TestServer start(SocketIoServer socketIo) throws IOException {
    return builder().socketIo(socketIo).start(0);
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return listener.getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    http.shutdownNow();
    tyrus.stop();
  }

  public static final class Builder {
    private final List<ServerEndpointConfig> endpoints = new ArrayList<>();
    private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();

    public Builder socketIo(SocketIoServer server) {
      endpoints.add(server.webSocketEndpoint());
      handlers.put(server.path() + "*", server.pollingHandler());
      handlers.put(server.path() + "socket.io.js", server.clientScriptHandler());
      return this;
    }

    public Builder endpoint(ServerEndpointConfig endpoint) {
      endpoints.add(endpoint);
      return this;
    }

    public Builder handler(String path, HttpHandler handler) {
      handlers.put(path, handler);
      return this;
    }

    public TestServer start(int port) throws IOException {
      return new TestServer(port, endpoints, handlers);
    }
  }

  private static final class EmbeddedTyrus extends TyrusServerContainer {
    private final WebSocketEngine engine;

    EmbeddedTyrus() {
      super((Set<Class<?>>) null);
      this.engine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
      engine.register(endpointClass, "/");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
      engine.register(config, "/");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
      return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
      return Map.of();
    }
  }
}
