package dev.signaling.containers;

/** The contract on Tomcat 11. */
class TomcatSignalingIT extends SignalingInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new TomcatContainer();
  }
}
