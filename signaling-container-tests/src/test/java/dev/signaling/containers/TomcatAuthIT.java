package dev.signaling.containers;

/** Authentication on Tomcat 11. */
class TomcatAuthIT extends AuthInServletContainerContract {
  @Override
  EmbeddedContainer newContainer() {
    return new TomcatContainer();
  }
}
