package dev.signaling.spring.boot.internal;

import dev.signaling.core.IceServer;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.spring.boot.SignalingProperties;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link SignalingProperties} into the library's immutable settings; their builders
 * validate every value, so a bad property fails the application's start with the library's
 * message.
 */
public final class PropertyMapping {
  /** The {@code allowed-origins} entry that allows every origin. */
  public static final String ANY_ORIGIN = "*";

  private PropertyMapping() {}

  public static SignalingConfig signalingConfig(SignalingProperties properties) {
    List<IceServer> iceServers = properties.getIceServers().stream()
        .map(ice -> new IceServer(ice.getUrls(), ice.getUsername(), ice.getCredential()))
        .toList();
    return SignalingConfig.builder()
        .roomCapacity(properties.getRoomCapacity())
        .maxRoomNameBytes(properties.getMaxRoomNameBytes())
        .clientLogging(properties.isClientLogging())
        .ipAddrAnswers(properties.isIpAddrAnswers())
        .errorLimit(properties.getErrorLimit(), properties.getErrorWindow())
        .iceServers(iceServers)
        .resume(resumePolicy(properties.getResume()))
        .build();
  }

  private static ResumePolicy resumePolicy(SignalingProperties.Resume resume) {
    return ResumePolicy.builder()
        .window(resume.getWindow())
        .maxEvents(resume.getMaxEvents())
        .maxBytes(resume.getMaxBytes().toBytes())
        .notifyPeers(resume.isNotifyPeers())
        .reconnectGrace(resume.getReconnectGrace())
        .build();
  }

  public static WebSocketOptions webSocketOptions(SignalingProperties properties) {
    SignalingProperties.WebSocket websocket = properties.getWebsocket();
    WebSocketOptions.Builder builder = WebSocketOptions.builder()
        .path(properties.getPath())
        .maxTextMessageBytes(intBytes(websocket.getMaxTextMessageSize(), "signaling.websocket.max-text-message-size"))
        .maxQueuedBytes(websocket.getMaxQueuedSize().toBytes())
        .pingInterval(websocket.getPingInterval())
        .idleTimeout(websocket.getIdleTimeout());
    Set<String> origins = origins(properties);
    if (!origins.isEmpty()) {
      Predicate<String> policy = origins.contains(ANY_ORIGIN)
          ? origin -> true
          : WebSocketOptions.allowOrigins(origins);
      builder.originPolicy(policy);
    }
    return builder.build();
  }

  public static SocketIoConfig socketIoConfig(SignalingProperties properties) {
    SignalingProperties.SocketIo socketio = properties.getSocketio();
    SocketIoConfig.Builder builder = SocketIoConfig.builder()
        .pingInterval(socketio.getPingInterval())
        .pingTimeout(socketio.getPingTimeout())
        .maxPayload(intBytes(socketio.getMaxPayload(), "signaling.socketio.max-payload"))
        .connectTimeout(socketio.getConnectTimeout())
        .upgradeTimeout(socketio.getUpgradeTimeout())
        .maxQueuedBytes(socketio.getMaxQueuedSize().toBytes());
    // One rule for both protocols, as in the example server: any origin unless narrowed. (The
    // transport's own default admits no browser origin at all, not even the application's own
    // pages, which Socket.IO's origin policy cannot tell apart from others.)
    Set<String> origins = origins(properties);
    builder.originPolicy(origins.isEmpty() || origins.contains(ANY_ORIGIN)
        ? OriginPolicy.anyOrigin()
        : OriginPolicy.allowing(origins));
    return builder.build();
  }

  private static Set<String> origins(SignalingProperties properties) {
    return properties.getAllowedOrigins().stream()
        .map(String::trim)
        .filter(origin -> !origin.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static int intBytes(DataSize size, String property) {
    long bytes = size.toBytes();
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(property + " must be under 2 GiB, got " + size);
    }
    return (int) bytes;
  }
}
