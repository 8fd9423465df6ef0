package dev.signaling.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SignalingClient} reports to its {@link SignalingListener}: the server's events
 * (docs/PROTOCOL.md), each exactly once and in the order the server sent them, even across
 * dropped and resumed connections; and the connection's lifecycle.
 */
public sealed interface SignalingEvent {

  // ---- the session's lifecycle

  /**
   * A new session began: on the first connection, or after a resume was refused (then {@code
   * replacedSession} is true: the previous session's room membership is gone and its unsent
   * events were dropped, {@code droppedEvents} of them; join again).
   */
  record SessionStarted(String peerId, boolean replacedSession, int droppedEvents) implements SignalingEvent {}

  /** The connection dropped; the client reconnects with backoff and resumes the session. */
  record ConnectionLost(String reason) implements SignalingEvent {}

  /** The session continues on a new connection: nothing was lost, nothing will be repeated. */
  record SessionResumed(String peerId) implements SignalingEvent {}

  /** The client is closed for good: by {@link SignalingClient#close()}, the server, or failed reconnects. */
  record Closed(int code, String reason) implements SignalingEvent {}

  // ---- the server's events

  /** This client created {@code room}; {@code peerId} is its own id. */
  record Created(String room, String peerId) implements SignalingEvent {}

  /** Another peer ({@code peerId}) joined this client's room. */
  record Join(String room, String peerId) implements SignalingEvent {}

  /** This client joined an existing room; {@code peerId} is its own id. */
  record Joined(String room, String peerId) implements SignalingEvent {}

  /** The room has two or more peers: start the call. */
  record Ready(String room) implements SignalingEvent {}

  /** The room is full; this client is not in it. */
  record Full(String room) implements SignalingEvent {}

  /** A relayed payload from {@code fromPeerId}. */
  record Message(JsonNode payload, String fromPeerId) implements SignalingEvent {}

  /** {@code peerId} left the room. */
  record Bye(String room, String peerId) implements SignalingEvent {}

  /**
   * {@code peerId}'s connection dropped; it stays in the room while the server waits for it to
   * resume ({@link PeerReconnected}) or, once the window passes, leaves ({@link Bye}).
   * Informational (a "reconnecting…" hint).
   */
  record PeerDisconnected(String room, String peerId) implements SignalingEvent {}

  /** {@code peerId}, which had dropped, resumed its session; nothing sent to it was lost. */
  record PeerReconnected(String room, String peerId) implements SignalingEvent {}

  /** Server log lines (where the server sends them). */
  record Log(List<String> lines) implements SignalingEvent {
    public Log {
      lines = List.copyOf(lines);
    }
  }

  /** A refused request ({@code code} as in the protocol's error table); the connection stays open. */
  record Error(String code, String message) implements SignalingEvent {
    public Error {
      Objects.requireNonNull(code, "code");
    }
  }

  /** An application event the server sent, with its arguments. */
  record Custom(String name, List<JsonNode> args) implements SignalingEvent {
    public Custom {
      args = List.copyOf(args);
    }
  }
}
