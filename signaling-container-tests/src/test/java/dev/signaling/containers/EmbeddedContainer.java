package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.Map;

/** A real servlet container, embedded: one web app at the root context on a loopback port. */
interface EmbeddedContainer extends AutoCloseable {

  /**
   * Starts the container on a free port of 127.0.0.1 with the container's WebSocket support
   * enabled and {@code listeners} registered as the web app's listeners, in order, as a
   * {@code @WebListener} would be; returns the port.
   */
  int start(List<ServletContextListener> listeners) throws Exception;

  /**
   * Starts the container as {@link #start(List)} does, with {@code listener} declared the way
   * {@code @WebListener} or {@code web.xml} declare one (the container instantiates it, and it
   * may add servlets), and {@code contextParameters} as the web app's context parameters.
   */
  int startDeclared(Class<? extends ServletContextListener> listener, Map<String, String> contextParameters)
      throws Exception;

  /** Stops the container: the web app's listeners see {@code contextDestroyed}. */
  @Override
  void close() throws Exception;
}
