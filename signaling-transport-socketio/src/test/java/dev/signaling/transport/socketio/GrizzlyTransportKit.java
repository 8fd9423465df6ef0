package dev.signaling.transport.socketio;

import dev.signaling.transport.jsr356.SignalingEndpoints;
import java.io.IOException;

/** Grizzly's HTTP server with Tyrus, as the example server runs them ({@link TestServer}). */
public final class GrizzlyTransportKit implements TransportKit {

  @Override
  public String name() {
    return "grizzly";
  }

  @Override
  public Served serve(Mounts mounts) throws IOException {
    TestServer.Builder builder = TestServer.builder();
    SignalingEndpoints endpoints = mounts.nativeEngine() == null
        ? null : SignalingEndpoints.create(mounts.nativeEngine(), mounts.nativeOptions());
    if (endpoints != null) {
      builder.endpoint(endpoints.config());
    }
    mounts.socketIo().values().forEach(builder::socketIo);
    mounts.engineIo().forEach((path, server) -> builder
        .endpoint(server.webSocketEndpoint(path))
        .handler(path + "*", server.pollingHandler()));
    TestServer server = builder.start(0);
    return new Served() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void close() {
        server.close();
        if (endpoints != null) {
          endpoints.close();
        }
      }
    };
  }
}
