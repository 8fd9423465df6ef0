package dev.signaling.transport.netty;

import dev.signaling.transport.socketio.TransportKit;
import java.io.IOException;

/** The shared suites' servers on {@link NettySignalingServer}. */
public final class NettyTransportKit implements TransportKit {

  @Override
  public String name() {
    return "netty";
  }

  @Override
  public Served serve(Mounts mounts) throws IOException {
    NettySignalingServer.Builder builder = NettySignalingServer.builder().port(0);
    if (mounts.nativeEngine() != null) {
      builder.engine(mounts.nativeEngine()).webSocketOptions(mounts.nativeOptions());
    }
    mounts.socketIo().values().forEach(builder::socketIo);
    mounts.engineIo().forEach(builder::engineIo);
    NettySignalingServer server = builder.build().start();
    return new Served() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
