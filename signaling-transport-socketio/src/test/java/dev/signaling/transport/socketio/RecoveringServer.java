package dev.signaling.transport.socketio;

import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.RateLimit;

/**
 * The server the Node recovery tests run against: an engine that resumes sessions (the default
 * policy: 30 s, 1,000 events, 1 MiB) with no rate limit (their streams run faster than the
 * default 50 events/s), Socket.IO with connection state recovery and any origin, on the
 * transport the run asks for ({@link TransportKits}), behind a {@link FaultyProxy}. The proxy
 * starts cutting nothing unless told.
 */
final class RecoveringServer implements AutoCloseable {
  final SignalingEngine engine;
  final SocketIoServer socketIo;
  final TransportKit.Served server;
  final FaultyProxy proxy;

  /** @param meanBytesBetweenCuts per connection (0: none); see {@link FaultyProxy} */
  RecoveringServer(long meanBytesBetweenCuts, long seed) throws Exception {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).rateLimit(RateLimit.UNLIMITED).build())
        .build();
    socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine, true)
        .build();
    server = TransportKits.current().serve(new TransportKit.Mounts().socketIo(socketIo));
    proxy = new FaultyProxy(server.port(), meanBytesBetweenCuts, seed);
  }

  /** The URL socket.io-client connects to through the proxy. */
  String proxyUrl() {
    return "http://127.0.0.1:" + proxy.port();
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.close();
      server.close();
    } finally {
      socketIo.close();
      engine.close();
    }
  }
}
