package dev.signaling.examples;

import dev.signaling.core.transport.WebSocketOptions;
import java.io.IOException;
import picocli.CommandLine;

/** Starts example servers on a free loopback port, configured as the command line would. */
final class DemoServers {
  private DemoServers() {}

  /** The demo server exactly as {@code java -jar signaling-server.jar ARGS} configures it. */
  static ExampleServer start(String... args) throws IOException {
    Main main = new Main();
    new CommandLine(main).parseArgs(args);
    return start(main.webSocketOptions(), main);
  }

  static ExampleServer start(WebSocketOptions options, String... args) throws IOException {
    Main main = new Main();
    new CommandLine(main).parseArgs(args);
    return start(options, main);
  }

  private static ExampleServer start(WebSocketOptions options, Main main) throws IOException {
    // What Main.call() starts, on a free port.
    return main.server()
        .port(0)
        .webSocketOptions(options)
        .build()
        .start();
  }
}
