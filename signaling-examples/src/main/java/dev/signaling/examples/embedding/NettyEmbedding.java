package dev.signaling.examples.embedding;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.transport.netty.NettySignalingServer;
import dev.signaling.transport.socketio.SocketIoServer;

/**
 * Signaling as its own service on Netty, no servlet container: the native protocol at {@code
 * /signaling}, socket.io at {@code /socket.io/} and a plain HTTP route, on port 8080. (The README's
 * "Run it on Netty" sample; compiled by the build.)
 */
public final class NettyEmbedding {
  private NettyEmbedding() {}

  public static void main(String[] args) throws Exception {
    SignalingEngine engine = SignalingEngine.create();
    NettySignalingServer server = NettySignalingServer.builder()
        .engine(engine)
        .socketIo(SocketIoServer.builder().signaling(engine).build())
        .route("/healthz", request -> HttpResponse.text(200, "ok"))
        .port(8080)
        .build()
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      engine.close();
    }));
    Thread.currentThread().join();
  }
}
