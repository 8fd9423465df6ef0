package dev.signaling.examples.ops;

import dev.signaling.core.Connection;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Peer;
import dev.signaling.core.SignalingObserver;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example server's operational log: one line per connection opened and closed (with its
 * close code and reason), per refused connection and per error sent to a client (with its
 * code). Never a payload, a token or SDP: only ids, protocols, codes and the server's own
 * reason texts (a client's close reason is cut to 64 printable characters).
 */
public final class ConnectionLog implements SignalingObserver {
  private static final Logger log = LoggerFactory.getLogger("dev.signaling.connections");
  private static final int MAX_REASON = 64;

  @Override
  public void connectionOpened(Connection connection) {
    log.info("connection {} opened: {}/{}", connection.id(), connection.protocol().tag(), connection.transport().tag());
  }

  @Override
  public void connectionUpgraded(Connection connection, TransportKind from) {
    log.info("connection {} upgraded: {} -> {}", connection.id(), from.tag(), connection.transport().tag());
  }

  @Override
  public void connectionClosed(Connection connection, int closeCode, String reason) {
    log.info("connection {} closed: {}/{} code {} reason \"{}\"", connection.id(), connection.protocol().tag(),
        connection.transport().tag(), closeCode, printable(reason));
  }

  @Override
  public void connectionRefused(WireProtocol protocol, TransportKind transport, int code) {
    log.info("connection refused: {}/{} code {}", protocol.tag(), transport.tag(), code);
  }

  @Override
  public void errorSent(Peer peer, ErrorCode code) {
    log.info("request refused: peer {} error {}", peer.id(), code.wireCode());
  }

  @Override
  public void drainStarted() {
    log.info("draining: new connections are refused, open ones closed with 1012");
  }

  static String printable(String reason) {
    if (reason == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(reason.length(), MAX_REASON));
    for (int i = 0; i < reason.length() && out.length() < MAX_REASON; i++) {
      char c = reason.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
    }
    return out.toString();
  }
}
