package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import java.util.List;

/** A real servlet container, embedded: one web app at the root context on a loopback port. */
interface EmbeddedContainer extends AutoCloseable {

  /**
   * Starts the container on a free port of 127.0.0.1 with the container's WebSocket support
   * enabled and {@code listeners} registered as the web app's listeners, in order, as a
   * {@code @WebListener} would be; returns the port.
   */
  int start(List<ServletContextListener> listeners) throws Exception;

  /** Stops the container: the web app's listeners see {@code contextDestroyed}. */
  @Override
  void close() throws Exception;
}
