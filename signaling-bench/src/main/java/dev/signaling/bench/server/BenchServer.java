package dev.signaling.bench.server;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import jakarta.websocket.server.ServerEndpointConfig;
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
 * collects first) and a bare echo endpoint at {@code /echo}, the container's floor.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Runs the example signaling server (/signaling, /socket.io/) with /stats and a bare /echo endpoint.")
public final class BenchServer implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  public static ExampleServer start(String host, int port) throws java.io.IOException {
    SignalingEngine engine = SignalingEngine.builder()
        // No rate limit: a few pairs may carry the whole target rate, far above one client's 50/s.
        .config(SignalingConfig.builder().roomCapacity(2).clientLogging(false).ipAddrAnswers(false)
            .rateLimit(RateLimit.UNLIMITED).build())
        // Nor connection limits: the load generator opens thousands of connections from one address.
        .connectionLimits(ConnectionLimits.UNLIMITED)
        .build();
    return ExampleServer.builder()
        .host(host)
        .port(port)
        .engine(engine)
        .endpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build())
        .httpHandler("/stats", new StatsHandler(engine))
        .socketIo(SocketIoServer.builder()
            .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
            .signaling(engine)
            .build())
        .build()
        .start();
  }

  @Override
  public Integer call() throws Exception {
    ExampleServer server = start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.println("Bench server listening on " + server.url() + " (pid " + ProcessHandle.current().pid()
        + "): /signaling, /socket.io/, /echo, /stats");
    stopped.await();
    return 0;
  }
}
