package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.ice.IceConfiguration;
import java.util.List;
import java.util.Objects;

/**
 * An event the server sends to one peer. Every wire protocol encodes these; none adds its own.
 *
 * <p>Relay payloads ({@link Message#payload()}) are opaque: the server never looks inside them
 * (they carry SDP and ICE candidates, which hold IP addresses) and keeps them as JSON text
 * ({@link RawJson}) from the frame that brought them to the frames that carry them on.
 */
public sealed interface ServerEvent {

  /** The event name on the wire, as in the codelab. */
  String name();

  /** To the first peer of a room. */
  record Created(String room, String peerId) implements ServerEvent {
    public String name() { return "created"; }
  }

  /** To the peers already in a room when another joins; {@code peerId} is the newcomer. */
  record Join(String room, String peerId) implements ServerEvent {
    public String name() { return "join"; }
  }

  /** To the peer that joined an existing room. */
  record Joined(String room, String peerId) implements ServerEvent {
    public String name() { return "joined"; }
  }

  /** To every member after a join that leaves the room with two or more peers. */
  record Ready(String room) implements ServerEvent {
    public String name() { return "ready"; }
  }

  /** To a peer whose join was refused because the room is at capacity. */
  record Full(String room) implements ServerEvent {
    public String name() { return "full"; }
  }

  /**
   * A relayed payload: exactly the JSON text the sender sent, character for character.
   * {@code fromSubject} is the sender's authenticated subject where the engine shows subjects
   * ({@link SignalingEngine.Builder#showSubjects}), else null.
   */
  record Message(RawJson payload, String fromPeerId, String fromSubject) implements ServerEvent {
    public Message {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(fromPeerId, "fromPeerId");
    }

    /** A relayed payload without the sender's subject (the default: subjects are not shown). */
    public Message(RawJson payload, String fromPeerId) {
      this(payload, fromPeerId, null);
    }

    public String name() { return "message"; }
  }

  /** To the remaining members when a peer leaves its room or its connection ends. */
  record Bye(String room, String peerId) implements ServerEvent {
    public String name() { return "bye"; }
  }

  /**
   * To the other members of a room when a member's connection dropped and its session waits to
   * be resumed ({@link ResumePolicy#notifyPeers()}): informational, the peer is still a member;
   * {@link PeerReconnected} or {@link Bye} follows.
   */
  record PeerDisconnected(String room, String peerId) implements ServerEvent {
    public String name() { return "peer-disconnected"; }
  }

  /** To the other members of a room when a member that had dropped resumed its session. */
  record PeerReconnected(String room, String peerId) implements ServerEvent {
    public String name() { return "peer-reconnected"; }
  }

  /** Server log lines, sent only where {@link SignalingConfig#clientLogging()} is on. */
  record Log(List<String> lines) implements ServerEvent {
    public Log {
      lines = List.copyOf(lines);
    }

    public String name() { return "log"; }
  }

  /** One non-loopback IPv4 address of the server, only where {@link SignalingConfig#ipAddrAnswers()} is on. */
  record IpAddr(String address) implements ServerEvent {
    public String name() { return "ipaddr"; }
  }

  /**
   * The ICE servers this connection's client should use, with fresh TURN credentials: sent after
   * connect when the engine has an {@link dev.signaling.core.ice.IceServerProvider}, and again
   * before the credentials expire. Its one argument is an {@code RTCConfiguration} object
   * ({@link IceConfiguration#toJson()}).
   */
  record IceServers(IceConfiguration configuration) implements ServerEvent {
    public IceServers {
      Objects.requireNonNull(configuration, "configuration");
    }

    public String name() { return "ice-servers"; }
  }

  /** A refused request. The connection stays open. */
  record Error(ErrorCode code, String message) implements ServerEvent {
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    public String name() { return "error"; }
  }

  /** An application event the application sends a client ({@link Peer#emit}). */
  record Custom(String name, List<JsonNode> args) implements ServerEvent {
    public Custom {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
    }
  }

  /** The answer to a client event that asked for an acknowledgement. */
  record AckReply(long ackId, List<JsonNode> args) implements ServerEvent {
    public AckReply {
      args = List.copyOf(args);
    }

    public String name() { return "ack"; }
  }
}
