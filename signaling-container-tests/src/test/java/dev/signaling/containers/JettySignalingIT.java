package dev.signaling.containers;

/** The contract on Jetty 12.1 (ee10). */
class JettySignalingIT extends SignalingInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new JettyContainer();
  }
}
