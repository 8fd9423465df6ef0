package dev.signaling.examples;

/** Which server the example runs on ({@code --transport}). */
public enum Transport {
  /** Grizzly's HTTP server with Tyrus (JSR-356), tuned as PERFORMANCE-NOTES measured: the default. */
  GRIZZLY,
  /** signaling-transport-netty's {@code NettySignalingServer}. */
  NETTY
}
