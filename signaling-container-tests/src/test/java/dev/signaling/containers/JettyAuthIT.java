package dev.signaling.containers;

/** Authentication on Jetty 12.1. */
class JettyAuthIT extends AuthInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new JettyContainer();
  }
}
