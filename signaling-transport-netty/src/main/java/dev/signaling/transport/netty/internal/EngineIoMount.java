package dev.signaling.transport.netty.internal;

import dev.signaling.transport.socketio.internal.PollingTransport;
import dev.signaling.transport.socketio.internal.SessionRegistry;

/** An Engine.IO server mounted at {@code path} (e.g. {@code /socket.io/}): its sessions and polling rules. */
record EngineIoMount(String path, SessionRegistry registry, PollingTransport polling) {

  EngineIoMount(String path, SessionRegistry registry) {
    this(path, registry, new PollingTransport(registry));
  }
}
