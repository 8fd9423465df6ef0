package dev.signaling.bench.server;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.DurationConverter;
import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.Transport;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The example server as the benchmarks run it: {@link ExampleServer} with its default container
 * settings, the native endpoint and socket.io at {@code /socket.io/} on one engine (as {@code
 * signaling-server.jar} mounts them), the demo's extras off (as {@code --quiet-clients}), plus two
 * bench-only additions
 * that do not touch the signaling path: {@code GET /stats} (rooms, peers, heap; {@code ?gc=1}
 * collects first) and a bare echo endpoint at {@code /echo}, the container's floor. {@code
 * --transport netty} runs the same on signaling-transport-netty.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Runs the example signaling server (/signaling, /socket.io/) with /stats and a bare /echo endpoint.")
public final class BenchServer implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--transport", defaultValue = "grizzly",
      description = "grizzly (the example server's default: Grizzly + Tyrus) or netty (NettySignalingServer). Default: ${DEFAULT-VALUE}.")
  String transport;

  @Option(names = "--resume-window", paramLabel = "DURATION", defaultValue = "0",
      converter = DurationConverter.class,
      description = "Resume window (native resume and Socket.IO recovery), e.g. 30s. Default: ${DEFAULT-VALUE}, off,"
          + " unlike the library and the example server (30s): the bench server turns it off explicitly so its"
          + " figures stay comparable with earlier runs and with Node. pairs --cut-every needs it on.")
  Duration resumeWindow;

  public static ExampleServer start(String host, int port) throws java.io.IOException {
    return start(host, port, Transport.GRIZZLY);
  }

  public static ExampleServer start(String host, int port, Transport transport) throws java.io.IOException {
    return start(host, port, transport, Duration.ZERO);
  }

  /**
   * The bench server on {@code transport}. {@code /echo} is the container's own bare echo: a
   * Tyrus endpoint on Grizzly, a raw Netty handler (the frame sent back as it came) on Netty.
   * On Netty, {@code /relay} is a bare relay between two connections (see NettyRelayHandler).
   */
  public static ExampleServer start(String host, int port, Transport transport, Duration resumeWindow)
      throws java.io.IOException {
    SignalingEngine engine = SignalingEngine.builder()
        // No rate limit: a few pairs may carry the whole target rate, far above one client's 50/s.
        .config(SignalingConfig.builder().roomCapacity(2).clientLogging(false).ipAddrAnswers(false)
            .rateLimit(RateLimit.UNLIMITED).resumeWindow(resumeWindow).build())
        // Nor connection limits: the load generator opens thousands of connections from one address.
        .connectionLimits(ConnectionLimits.UNLIMITED)
        .build();
    ExampleServer.Builder builder = ExampleServer.builder()
        .transport(transport)
        .host(host)
        .port(port)
        .engine(engine)
        .route("/stats", new StatsRoute(engine))
        .socketIo(SocketIoServer.builder()
            .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
            .signaling(engine)
            .build());
    if (transport == Transport.NETTY) {
      builder.nettyWebSocket("/echo", NettyEchoHandler::new);
      builder.nettyWebSocket("/relay", NettyRelayHandler.factory());
    } else {
      builder.endpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    }
    return builder.build().start();
  }

  @Override
  public Integer call() throws Exception {
    ExampleServer server = start(host, port, Transport.valueOf(transport.toUpperCase(java.util.Locale.ROOT)), resumeWindow);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.println("Bench server (" + transport + (resumeWindow.isZero() ? "" : ", resume window " + resumeWindow) + ") listening on " + server.url() + " (pid " + ProcessHandle.current().pid()
        + "): /signaling, /socket.io/, /echo, /stats");
    stopped.await();
    return 0;
  }
}
