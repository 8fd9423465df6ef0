package dev.signaling.containers;

/** Socket.IO, both transports, on Jetty 12.1 (ee10). */
class JettySocketIoIT extends SocketIoInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new JettyContainer();
  }
}
