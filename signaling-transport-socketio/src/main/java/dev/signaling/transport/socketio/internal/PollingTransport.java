package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.internal.PollingRoute.HoldPoll;
import dev.signaling.transport.socketio.internal.PollingRoute.ReadBody;
import dev.signaling.transport.socketio.internal.PollingRoute.Reply;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine.IO HTTP long-polling transport, independent of any container: Origin and CORS,
 * preflights, the query, session lookup, body limits and delivery. The Grizzly and Servlet
 * adapters only move bytes: they call {@link #route}, then do what the {@link PollingRoute}
 * says.
 */
public final class PollingTransport {
  private static final Logger log = LoggerFactory.getLogger(PollingTransport.class);

  private final SessionRegistry registry;
  private final OriginPolicy originPolicy;
  private final int maxPayload;

  public PollingTransport(SessionRegistry registry) {
    this.registry = registry;
    this.originPolicy = registry.config().originPolicy();
    this.maxPayload = registry.config().maxPayload();
  }

  /**
   * Decides what {@code request} needs; first sets, through {@code responseHeaders}, the
   * headers its answer carries whatever it is.
   */
  public PollingRoute route(PollingRequest request, BiConsumer<String, String> responseHeaders) {
    responseHeaders.accept("Cache-Control", "no-store");
    String origin = request.origin();
    if (origin != null) {
      if (!originPolicy.allows(origin)) {
        log.debug("Refused polling request from origin {}", origin);
        return new Reply(403, "origin not allowed");
      }
      responseHeaders.accept("Access-Control-Allow-Origin", origin);
      responseHeaders.accept("Access-Control-Allow-Credentials", "true");
      responseHeaders.accept("Vary", "Origin");
    }
    String method = request.method();
    if (method.equals("OPTIONS")) {
      responseHeaders.accept("Access-Control-Allow-Methods", "GET, POST");
      responseHeaders.accept("Access-Control-Allow-Headers", "Content-Type");
      return new Reply(204, "");
    }
    HandshakeQuery query = HandshakeQuery.parse(request.rawQuery());
    String problem = query.problemFor("polling");
    if (problem != null) {
      return new Reply(400, problem);
    }
    if (query.sid() == null) {
      if (!method.equals("GET")) {
        return new Reply(400, "a new session starts with GET");
      }
      Handshake opening = request.handshake().get();
      ConnectionAdmission admission = registry.admission();
      ConnectionAdmission.Ticket place = null;
      if (admission != null) {
        String client = admission.clientAddress(opening);
        ConnectionAdmission.Admission admitted = admission.admit(client);
        if (admitted instanceof ConnectionAdmission.Refused refused) {
          log.debug("Refused a polling session from {}: {}", client, refused.reason());
          return new Reply(refused.httpStatus(), refused.reason());
        }
        place = ((ConnectionAdmission.Admitted) admitted).ticket();
      }
      return registry.openPolling(opening, place)
          .map(handshake -> new Reply(200, handshake))
          .orElseGet(() -> new Reply(503, "server draining"));
    }
    EngineIoSession session = registry.find(query.sid()).orElse(null);
    if (session == null) {
      return new Reply(400, "unknown session");
    }
    switch (method) {
      case "GET":
        return new HoldPoll(session);
      case "POST":
        if (request.contentLength() > maxPayload) {
          return tooLarge(session);
        }
        return new ReadBody(session, maxPayload);
      default:
        return new Reply(400, "method not allowed");
    }
  }

  /** The body of a {@link ReadBody} route, read in full or cut after {@code limit + 1} bytes. */
  public Reply posted(EngineIoSession session, byte[] body, int length) {
    if (length > maxPayload) {
      return tooLarge(session);
    }
    int status = session.post(new String(body, 0, length, StandardCharsets.UTF_8));
    return new Reply(status, status == 200 ? "ok" : "invalid payload");
  }

  /** The body of a {@link ReadBody} route broke off: the session ends. */
  public Reply bodyBroken(EngineIoSession session) {
    session.closeWith("polling body broke off", EngineIoSession.Ending.ON_ERROR);
    return new Reply(400, "broken body");
  }

  private static Reply tooLarge(EngineIoSession session) {
    session.closeWith("polling body over maxPayload", EngineIoSession.Ending.ON_ERROR);
    return new Reply(413, "payload too large");
  }
}
