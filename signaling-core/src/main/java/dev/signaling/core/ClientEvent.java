package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A request a peer sends to the server, already decoded from its wire protocol. Codecs produce
 * these; {@link Peer#receive} consumes them.
 */
public sealed interface ClientEvent {

  /** Join {@code room}, creating it if it does not exist. Answered by created, joined or full. */
  record CreateOrJoin(String room) implements ClientEvent {
    public CreateOrJoin {
      Objects.requireNonNull(room, "room");
    }
  }

  /**
   * Relay {@code payload} to the other members of the sender's room, or only to {@code
   * targetPeerId} when it is not null. The payload is the JSON value as the client wrote it;
   * codecs capture it without parsing it into a tree ({@link RawJson}).
   */
  record Message(RawJson payload, String targetPeerId) implements ClientEvent {
    public Message {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** Leave {@code room}; the connection stays open. */
  record Bye(String room) implements ClientEvent {
    public Bye {
      Objects.requireNonNull(room, "room");
    }
  }

  /** Ask for the server's non-loopback IPv4 addresses. */
  record IpAddr() implements ClientEvent {}

  /**
   * An application event, dispatched to the {@link EventHandler} registered under {@code name}.
   * {@code ack} is null when the client asked for no acknowledgement.
   */
  record Custom(String name, List<JsonNode> args, Ack ack) implements ClientEvent {
    public Custom {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
    }
  }
}
