package dev.signaling.examples;

import dev.signaling.core.transport.WebSocketOptions;
import java.io.IOException;
import picocli.CommandLine;

/**
 * Starts example servers on a free loopback port, configured as the command line would, on the
 * transport the run asks for: {@code -Dsignaling.transport=netty} adds {@code --transport netty}
 * (this module's failsafe runs the transport-neutral suites once per transport).
 */
final class DemoServers {
  private DemoServers() {}

  /** The transport under test: {@code grizzly} unless {@code -Dsignaling.transport} says otherwise. */
  static String transport() {
    return System.getProperty("signaling.transport", "grizzly");
  }

  private static String[] withTransport(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--transport";
    all[args.length + 1] = transport();
    return all;
  }

  /** The demo server exactly as {@code java -jar signaling-server.jar ARGS} configures it. */
  static ExampleServer start(String... args) throws IOException {
    Main main = new Main();
    new CommandLine(main).parseArgs(withTransport(args));
    return start(main.webSocketOptions(), main);
  }

  static ExampleServer start(WebSocketOptions options, String... args) throws IOException {
    Main main = new Main();
    new CommandLine(main).parseArgs(withTransport(args));
    return start(options, main);
  }

  private static ExampleServer start(WebSocketOptions options, Main main) throws IOException {
    // What Main.call() starts, on a free port.
    ExampleServer server = main.server()
        .port(0)
        .webSocketOptions(options)
        .build()
        .start();
    if (!server.transport().name().equalsIgnoreCase(transport())) {
      server.close();
      throw new IllegalStateException("asked for " + transport() + ", started " + server.transport());
    }
    return server;
  }
}
