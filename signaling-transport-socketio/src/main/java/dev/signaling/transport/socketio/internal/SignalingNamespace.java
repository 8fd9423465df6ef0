package dev.signaling.transport.socketio.internal;

import dev.signaling.core.SessionNotice;
import dev.signaling.core.ResumeRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.Ack;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.CloseReason;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingException;
import dev.signaling.transport.socketio.ConnectRefusedException;
import dev.signaling.transport.socketio.NamespaceListener;
import dev.signaling.transport.socketio.SocketIoNamespace;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.SocketIoSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A namespace served by the signaling core: each socket is a {@link Peer}, Socket.IO events
 * map 1:1 onto the core's events and back, with the native protocol's names and arguments.
 *
 * <p>The peer's {@link dev.signaling.core.Handshake} is the session's opening request with the
 * CONNECT payload's {@code token} as credential. The CONNECT answer waits for the engine's
 * authenticator; a refusal is a CONNECT_ERROR whose {@code message} is the error code ({@code
 * unauthorized}, or {@code unavailable}) and whose {@code data} is {@code {"code", "message"}},
 * as the native {@code error} event's.
 */
public final class SignalingNamespace implements SocketIoNamespace {
  /** Peer attribute: the Socket.IO id of the peer's first socket, which a recovered socket takes. */
  static final String SOCKET_ID_ATTRIBUTE = "socketio.sid";
  /** Peer attribute: the {@link NumberedReplies} of its numbered application events. */
  static final String REPLIES_ATTRIBUTE = "socketio.replies";

  private final SignalingEngine engine;
  private final boolean recovery;

  public SignalingNamespace(SignalingEngine engine) {
    this(engine, false);
  }

  /**
   * @param recovery Socket.IO connection state recovery (the engine must resume sessions): pid
   *     in the CONNECT answer, an offset on every event, {@code {pid, offset}} in a reconnecting
   *     client's auth resumes its session
   */
  public SignalingNamespace(SignalingEngine engine, boolean recovery) {
    this.engine = engine;
    this.recovery = recovery;
  }

  /** Only when the engine answers at once (no authenticator or a synchronous one, no resume waiting). */
  @Override
  public NamespaceListener connect(SocketIoSocket socket) throws ConnectRefusedException {
    CompletableFuture<NamespaceListener> answer = connectAsync(socket).toCompletableFuture();
    if (!answer.isDone()) {
      throw new IllegalStateException("the engine answers later (an authenticator, or a resume waiting for its old connection): call connectAsync");
    }
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ConnectRefusedException refused) {
        throw refused;
      }
      throw e;
    }
  }

  @Override
  public CompletionStage<NamespaceListener> connectAsync(SocketIoSocket socket) {
    ResumeRequest resume = recovery ? recoveryRequest(socket.auth()) : null;
    SocketSink sink = new SocketSink(socket, recovery);
    // At once, unless the pid's session is still attached to a connection the server has not
    // yet seen end: then the recovery waits for that (the engine's reconnect grace).
    return engine.connectAsync(socket.handshake(), sink, resume)
        .thenCompose(peer -> connected(socket, sink, resume, peer));
  }

  private CompletionStage<NamespaceListener> connected(SocketIoSocket socket, SocketSink sink, ResumeRequest resume,
      Peer peer) {
    if (sink.resumed && socket instanceof NamespaceSocket ours) {
      // Recovered: the same socket id and private session id as before; missed events were
      // queued behind the CONNECT answer (the socket holds emits until it is accepted).
      Object first = peer.attributes().get(SOCKET_ID_ATTRIBUTE);
      if (first instanceof String id) {
        ours.restoreId(id);
      }
      ours.pid(resume.token());
    } else {
      peer.attributes().put(SOCKET_ID_ATTRIBUTE, socket.id());
    }
    peer.attributes().put(SocketIoServer.AUTH_ATTRIBUTE, socket.auth());
    return peer.authentication().toCompletableFuture().handle((identity, failure) -> {
      if (failure != null) {
        throw new CompletionException(refusal(failure));
      }
      return new PeerListener(peer, recovery);
    });
  }

  /**
   * What a recovering socket.io client sends in its CONNECT auth: {@code pid} (the private session
   * id it was given) and {@code offset} (the last event offset it processed; absent when it got
   * none). Null when there is no pid.
   */
  private static ResumeRequest recoveryRequest(ObjectNode auth) {
    JsonNode pid = auth.get("pid");
    if (pid == null || !pid.isTextual() || pid.textValue().isEmpty()) {
      return null;
    }
    JsonNode offset = auth.get("offset");
    long lastSeq;
    if (offset == null || offset.isNull()) {
      lastSeq = 0;
    } else {
      try {
        lastSeq = Long.parseLong(offset.asText());
      } catch (NumberFormatException e) {
        lastSeq = -1; // refused: invalid-seq
      }
    }
    return new ResumeRequest(pid.textValue(), lastSeq);
  }

  private static ConnectRefusedException refusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    SignalingException refused = cause instanceof SignalingException signaling
        ? signaling : new SignalingException(ErrorCode.UNAUTHORIZED, "authentication failed");
    ObjectNode data = JsonNodeFactory.instance.objectNode()
        .put("code", refused.code().wireCode())
        .put("message", refused.getMessage());
    return new ConnectRefusedException(refused.code().wireCode(), data);
  }

  /**
   * The core's outbound events, emitted on the socket: written straight to JSON text (a relayed
   * payload as the text its sender wrote), or as trees where they may hold binary.
   */
  private static final class SocketSink implements PeerSink {
    private final SocketIoSocket socket;
    private final boolean recovery;
    /** Set during connect when the engine resumed a session on this socket. */
    volatile boolean resumed;

    SocketSink(SocketIoSocket socket, boolean recovery) {
      this.socket = socket;
      this.recovery = recovery;
    }

    /**
     * With recovery, event number {@code seq} goes out with its offset as the last argument (a
     * string, as socket.io servers send offsets): the client keeps the last one it processed.
     */
    @Override
    public void send(ServerEvent event, long seq) {
      if (!recovery) {
        send(event);
        return;
      }
      String offset = Long.toString(seq);
      if (socket instanceof NamespaceSocket ours) {
        String packet = ServerEventArgs.eventPacket(ours.eventPrefix(), event, offset);
        if (packet != null) {
          ours.emitPacket(packet);
          return;
        }
      }
      List<JsonNode> args = new ArrayList<>(ServerEventArgs.of(event));
      args.add(JsonNodeFactory.instance.textNode(offset));
      socket.emit(event.name(), args);
    }

    @Override
    public void session(SessionNotice notice) {
      if (!recovery) {
        return;
      }
      if (notice instanceof SessionNotice.Welcome welcome && socket instanceof NamespaceSocket ours) {
        ours.pid(welcome.resumeToken());
      } else if (notice instanceof SessionNotice.Resumed) {
        resumed = true;
      }
      // A refused recovery is silent, as in socket.io: the client sees recovered === false.
    }

    @Override
    public void send(ServerEvent event) {
      if (socket instanceof NamespaceSocket ours) {
        String packet = ServerEventArgs.eventPacket(ours.eventPrefix(), event);
        if (packet != null) {
          ours.emitPacket(packet);
          return;
        }
      }
      socket.emit(event.name(), ServerEventArgs.of(event));
    }

    @Override
    public void close(CloseReason reason, String description) {
      socket.disconnect(true);
    }

    /** A recovery claims this socket's session: pings its client, closed as a ping timeout without an answer. */
    @Override
    public void probe(java.time.Duration within) {
      if (socket instanceof NamespaceSocket ours) {
        ours.probe(within);
      }
    }

    /** The namespace answers CONNECT_ERROR instead (see {@link #connectAsync}). */
    @Override
    public void refuse(SignalingException refusal) {
      // nothing to send: the socket was never connected
    }
  }

  /**
   * The client's events, decoded into the core's. Packets without binary arrive with raw
   * arguments; packets with binary attachments as trees, whose arguments then become raw values
   * that keep their binary ({@link RawJson#of}).
   */
  private static final class PeerListener implements RawArgsListener {
    /**
     * The ends of an Engine.IO session the server chose (as reported to the namespace): a drain's
     * 1012, a shutdown, a send-queue overflow, an application error. Never recoverable, like a
     * client's DISCONNECT. Every other transport close (the transport broke, a ping timeout, a
     * poll cut off or repeated by a reconnecting client) is recoverable within the window.
     */
    private static final java.util.Set<String> CLOSED_BY_SERVER = java.util.Set.of(
        "transport close: server draining", "transport close: server shutting down",
        "transport close: server close", "transport close: send queue overflow",
        "transport close: application error");

    private final Peer peer;
    private final boolean recovery;

    PeerListener(Peer peer, boolean recovery) {
      this.peer = peer;
      this.recovery = recovery;
    }

    /**
     * The acknowledgement of a codelab event: one argument, null, "no error". socket.io-client's
     * {@code retries} queue reads an acknowledgement's first argument as an error unless {@code
     * ackTimeout} is set too; with no argument at all it would re-send the event without end.
     */
    private static final List<JsonNode> TAKEN = List.of(JsonNodeFactory.instance.nullNode());

    /**
     * Hands the event to the peer, once per client number ({@link ClientSeq}). The codelab's own
     * events are acknowledged ({@link #TAKEN}) once handed over, repeats included, so a client's
     * {@code retries} queue moves on; an application event's handler answers its ack, and a
     * repeat gets that same answer ({@link NumberedReplies}).
     */
    @Override
    public void onRawEvent(String event, List<RawJson> args, Ack ack) {
      ClientSeq numbered = ClientSeq.of(args, requiredArgs(event));
      long seq = numbered.seq();
      boolean application = requiredArgs(event) < 0;
      NumberedReplies replies = application && seq > 0 && ack != null ? replies() : null;
      try {
        ClientEvent decoded = decode(event, numbered.args(), replies == null ? ack : replies.answering(seq, ack));
        if (peer.receive(decoded, seq)) {
          if (replies != null) {
            replies.taken(seq);
          }
        } else if (replies != null) {
          replies.repeated(seq, ack);
        }
      } catch (SignalingException e) {
        peer.reject(e);
      }
      if (ack != null && !application) {
        ack.reply(TAKEN);
      }
    }

    private NumberedReplies replies() {
      return (NumberedReplies) peer.attributes().computeIfAbsent(REPLIES_ATTRIBUTE, key -> new NumberedReplies());
    }

    /** The arguments the codelab's events must have (never read as a number); -1: an application event. */
    private static int requiredArgs(String event) {
      return switch (event) {
        case "create or join", "bye", "message" -> 1;
        case "ipaddr" -> 0;
        default -> -1;
      };
    }

    @Override
    public void onEvent(String event, List<JsonNode> args, Ack ack) {
      List<RawJson> raw = new ArrayList<>(args.size());
      for (JsonNode arg : args) {
        raw.add(RawJson.of(arg));
      }
      onRawEvent(event, raw, ack);
    }

    @Override
    public void onDisconnect(String reason) {
      if (recovery && reason.startsWith("transport close") && !CLOSED_BY_SERVER.contains(reason)) {
        peer.connectionLost(); // the transport dropped: recoverable within the window
      } else {
        peer.disconnected(); // the client left, or the server closed it (drain, errors, overflow)
      }
    }

    private static ClientEvent decode(String event, List<RawJson> args, Ack ack) {
      return switch (event) {
        case "create or join" -> new ClientEvent.CreateOrJoin(stringArg(event, args, "room"));
        case "bye" -> new ClientEvent.Bye(stringArg(event, args, "room"));
        case "message" -> {
          if (args.isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' needs a payload argument");
          }
          RawJson target = args.size() > 1 ? args.get(1) : null;
          if (target != null && !target.isNull() && !target.isString()) {
            throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' target peer id must be a string");
          }
          yield new ClientEvent.Message(args.get(0), target == null || target.isNull() ? null : target.stringValue());
        }
        case "ipaddr" -> new ClientEvent.IpAddr();
        default -> new ClientEvent.Custom(event, trees(args), ack);
      };
    }

    private static String stringArg(String event, List<RawJson> args, String what) {
      if (args.isEmpty() || !args.get(0).isString()) {
        throw new SignalingException(ErrorCode.INVALID_EVENT, "'" + event + "' needs a string " + what + " argument");
      }
      return args.get(0).stringValue();
    }

    private static List<JsonNode> trees(List<RawJson> args) {
      List<JsonNode> trees = new ArrayList<>(args.size());
      for (RawJson arg : args) {
        trees.add(arg.toJsonNode());
      }
      return trees;
    }
  }
}
