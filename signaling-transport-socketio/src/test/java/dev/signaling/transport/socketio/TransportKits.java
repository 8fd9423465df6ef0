package dev.signaling.transport.socketio;

import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the {@link TransportKit} the suites run against: {@code -Dsignaling.transport=NAME}, {@code grizzly} by default. */
public final class TransportKits {
  public static final String PROPERTY = "signaling.transport";

  private TransportKits() {}

  public static TransportKit current() {
    String wanted = System.getProperty(PROPERTY, "grizzly");
    ServiceLoader<TransportKit> kits = ServiceLoader.load(TransportKit.class);
    for (TransportKit kit : kits) {
      if (kit.name().equals(wanted)) {
        return kit;
      }
    }
    throw new IllegalStateException("no transport kit named '" + wanted + "' on the test class path; found "
        + kits.stream().map(p -> p.get().name()).collect(Collectors.toList()));
  }
}
