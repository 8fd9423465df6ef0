package dev.signaling.transport.socketio.internal;

import dev.signaling.transport.socketio.internal.PollingRoute.HoldPoll;
import dev.signaling.transport.socketio.internal.PollingRoute.ReadBody;
import dev.signaling.transport.socketio.internal.PollingRoute.Reply;
import dev.signaling.core.Handshake;
import java.io.IOException;
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
 * The long-polling transport's Grizzly HTTP server glue over {@link PollingTransport}: held
 * polls are suspended responses (no thread waits for them); POST bodies are read on Grizzly's
 * worker pool.
 */
public final class PollingHttpHandler extends HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(PollingHttpHandler.class);

  private final PollingTransport transport;

  private PollingHttpHandler(SessionRegistry registry) {
    this.transport = new PollingTransport(registry);
  }

  /**
   * Declared as {@link HttpHandler} so that callers' bytecode names no Grizzly subclass: their
   * classes then link in servlet containers that have no Grizzly at all.
   */
  public static HttpHandler create(SessionRegistry registry) {
    return new PollingHttpHandler(registry);
  }

  @Override
  public void service(Request request, Response response) {
    if (request.getMethod().getMethodString().equals("POST") && request.getHeader("Upgrade") != null) {
      // Grizzly hands the body of an upgrade request (h2c, which the JDK's HTTP client asks
      // for by default) to no reader: refuse it rather than hold it forever.
      write(response, new Reply(400, "protocol upgrade on a POST is not supported: use HTTP/1.1"));
      return;
    }
    PollingRoute route = transport.route(new PollingRequest(request.getMethod().getMethodString(),
        request.getHeader("Origin"), request.getQueryString(), request.getContentLengthLong(),
        () -> handshake(request)), response::setHeader);
    if (route instanceof Reply reply) {
      write(response, reply);
    } else if (route instanceof HoldPoll hold) {
      hold(hold.session(), request, response);
    } else if (route instanceof ReadBody read) {
      write(response, readBody(read, request));
    }
  }

  private static Handshake handshake(Request request) {
    Handshake.Builder handshake = Handshake.builder()
        .path(request.getRequestURI())
        .rawQuery(request.getQueryString())
        .remoteAddress(request.getRemoteAddr(), request.getRemotePort());
    for (String name : request.getHeaderNames()) {
      for (String value : request.getHeaders(name)) {
        handshake.header(name, value);
      }
    }
    return handshake.build();
  }

  private static void hold(EngineIoSession session, Request request, Response response) {
    response.suspend();
    Connection<?> connection = request.getContext().getConnection();
    SuspendedPoll held = new SuspendedPoll(session, connection, response);
    connection.addCloseListener(held);
    held.start();
    if (!connection.isOpen()) {
      held.cancelled(); // closed before the listener was in place
    }
  }

  private Reply readBody(ReadBody read, Request request) {
    // service() runs on Grizzly's worker pool (HttpHandler's default executor), never on a
    // selector thread, so reading the bounded body here blocks no other connection. (Grizzly's
    // non-blocking reader, tried first, leaves a keep-alive connection unable to serve its next
    // request when the body arrives after the headers.)
    try {
      byte[] body = request.getInputStream().readNBytes(read.limit() + 1);
      return transport.posted(read.session(), body, body.length);
    } catch (IOException e) {
      return transport.bodyBroken(read.session());
    }
  }

  /** A suspended GET, abandoned when its connection closes first. */
  private static final class SuspendedPoll extends HeldPoll implements CloseListener<Closeable, ICloseType> {
    private final Connection<?> connection;
    private final Response response;

    SuspendedPoll(EngineIoSession session, Connection<?> connection, Response response) {
      super(session);
      this.connection = connection;
      this.response = response;
    }

    @Override
    protected void write(Reply reply) {
      connection.removeCloseListener(this);
      try {
        PollingHttpHandler.write(response, reply);
      } catch (RuntimeException e) {
        log.debug("Could not answer a polling request", e);
      } finally {
        response.resume();
      }
    }

    @Override
    public void onClosed(Closeable closed, ICloseType type) {
      cancelled();
    }
  }

  private static void write(Response response, Reply reply) {
    response.setStatus(reply.status());
    if (reply.body().isEmpty()) {
      return;
    }
    byte[] bytes = reply.bytes();
    response.setContentType(Reply.CONTENT_TYPE);
    response.setContentLength(bytes.length);
    try {
      response.getOutputStream().write(bytes);
    } catch (IOException e) {
      log.debug("Could not write a polling response", e);
    }
  }
}
