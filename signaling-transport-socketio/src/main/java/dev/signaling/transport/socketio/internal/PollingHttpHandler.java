package dev.signaling.transport.socketio.internal;

import dev.signaling.transport.socketio.OriginPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP long-polling transport over Grizzly's HTTP server: GET opens a session or waits for
 * packets, POST delivers packets. Held polls are suspended responses (no thread waits for
 * them); POST bodies are bounded by {@code maxPayload} (else 413).
 */
public final class PollingHttpHandler extends HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(PollingHttpHandler.class);

  private final SessionRegistry registry;
  private final OriginPolicy originPolicy;
  private final int maxPayload;

  public PollingHttpHandler(SessionRegistry registry) {
    this.registry = registry;
    this.originPolicy = registry.config().originPolicy();
    this.maxPayload = registry.config().maxPayload();
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    String origin = request.getHeader("Origin");
    if (origin != null) {
      if (!originPolicy.allows(origin)) {
        log.debug("Refused polling request from origin {}", origin);
        write(response, 403, "origin not allowed");
        return;
      }
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Credentials", "true");
      response.setHeader("Vary", "Origin");
    }
    String method = request.getMethod().getMethodString();
    if (method.equals("OPTIONS")) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST");
      response.setHeader("Access-Control-Allow-Headers", "Content-Type");
      response.setStatus(204);
      return;
    }
    HandshakeQuery query = HandshakeQuery.parse(request.getQueryString());
    String problem = query.problemFor("polling");
    if (problem != null) {
      write(response, 400, problem);
      return;
    }
    if (query.sid() == null) {
      if (method.equals("GET")) {
        write(response, 200, registry.openPolling());
      } else {
        write(response, 400, "a new session starts with GET");
      }
      return;
    }
    EngineIoSession session = registry.find(query.sid()).orElse(null);
    if (session == null) {
      write(response, 400, "unknown session");
      return;
    }
    switch (method) {
      case "GET" -> poll(session, request, response);
      case "POST" -> post(session, request, response);
      default -> write(response, 400, "method not allowed");
    }
  }

  private void poll(EngineIoSession session, Request request, Response response) {
    response.suspend();
    HeldPoll held = new HeldPoll(session, request, response);
    Connection<?> connection = request.getContext().getConnection();
    connection.addCloseListener(held);
    session.poll(held);
    if (!connection.isOpen()) {
      held.onClosed(connection, null); // closed before the listener was in place
    }
  }

  private void post(EngineIoSession session, Request request, Response response) {
    if (request.getHeader("Upgrade") != null) {
      // Grizzly hands the body of an upgrade request (h2c, which the JDK's HTTP client asks
      // for by default) to no reader: refuse it rather than hold it forever.
      write(response, 400, "protocol upgrade on a POST is not supported: use HTTP/1.1");
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > maxPayload) {
      session.closeWith("polling body over maxPayload", EngineIoSession.Ending.ON_ERROR);
      write(response, 413, "payload too large");
      return;
    }
    // service() runs on Grizzly's worker pool (HttpHandler's default executor), never on a
    // selector thread, so reading the bounded body here blocks no other connection. (Grizzly's
    // non-blocking reader, tried first, leaves a keep-alive connection unable to serve its next
    // request when the body arrives after the headers.)
    byte[] body;
    try {
      body = request.getInputStream().readNBytes(maxPayload + 1);
    } catch (IOException e) {
      session.closeWith("polling body broke off", EngineIoSession.Ending.ON_ERROR);
      write(response, 400, "broken body");
      return;
    }
    if (body.length > maxPayload) {
      session.closeWith("polling body over maxPayload", EngineIoSession.Ending.ON_ERROR);
      write(response, 413, "payload too large");
      return;
    }
    int status = session.post(new String(body, StandardCharsets.UTF_8));
    write(response, status, status == 200 ? "ok" : "invalid payload");
  }

  /** A suspended GET: answered once, by the session, or abandoned when the client goes away. */
  private static final class HeldPoll implements PollResponder, CloseListener<Closeable, ICloseType> {
    private final EngineIoSession session;
    private final Request request;
    private final Response response;
    private final AtomicBoolean answered = new AtomicBoolean();

    HeldPoll(EngineIoSession session, Request request, Response response) {
      this.session = session;
      this.request = request;
      this.response = response;
    }

    @Override
    public void respond(int status, String body) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      request.getContext().getConnection().removeCloseListener(this);
      finish(response, status, body);
    }

    @Override
    public void onClosed(Closeable connection, ICloseType type) {
      if (answered.compareAndSet(false, true)) {
        session.pollCancelled(this);
      }
    }
  }

  private static void finish(Response response, int status, String body) {
    try {
      write(response, status, body);
    } catch (RuntimeException e) {
      log.debug("Could not answer a polling request", e);
    } finally {
      response.resume();
    }
  }

  private static void write(Response response, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain; charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    try {
      response.getOutputStream().write(bytes);
    } catch (IOException e) {
      log.debug("Could not write a polling response", e);
    }
  }
}
