package dev.signaling.containers;

/** Socket.IO, both transports, on Tomcat 11. */
class TomcatSocketIoIT extends SocketIoInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new TomcatContainer();
  }
}
