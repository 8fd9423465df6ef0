package dev.signaling.transport.socketio.internal;

import dev.signaling.transport.socketio.internal.PollingRoute.HoldPoll;
import dev.signaling.transport.socketio.internal.PollingRoute.ReadBody;
import dev.signaling.transport.socketio.internal.PollingRoute.Reply;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.signaling.core.Handshake;
import java.io.IOException;
import java.util.Collections;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-polling transport's Servlet 6 glue over {@link PollingTransport}, for Tomcat, Jetty
 * and other containers; must be registered with async support. Held polls and POST bodies are
 * asynchronous ({@link AsyncContext}, {@link ReadListener}): no container thread ever waits for
 * a client. Answers written later, from whichever thread the session answers on, fit the
 * response buffer whole, so writing them never blocks either. Also serves {@link ClientScript}
 * at {@code socket.io.js} below its mapping.
 */
public final class PollingServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(PollingServlet.class);

  private final transient PollingTransport transport;
  private final transient long bodyTimeoutMillis;

  private PollingServlet(SessionRegistry registry) {
    this.transport = new PollingTransport(registry);
    // A body slower than this would outlive its session's heartbeat anyway.
    this.bodyTimeoutMillis = registry.config().pingInterval().plus(registry.config().pingTimeout()).toMillis();
  }

  /** Declared as {@link Servlet}: see {@link PollingHttpHandler#create}. */
  public static Servlet create(SessionRegistry registry) {
    return new PollingServlet(registry);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getMethod().equals("GET") && ("/" + ClientScript.FILE_NAME).equals(request.getPathInfo())) {
      byte[] script = ClientScript.bytes();
      response.setContentType(ClientScript.CONTENT_TYPE);
      response.setHeader("Cache-Control", "no-cache");
      response.setContentLength(script.length);
      response.getOutputStream().write(script);
      return;
    }
    PollingRoute route = transport.route(new PollingRequest(request.getMethod(), request.getHeader("Origin"),
        request.getQueryString(), request.getContentLengthLong(), () -> handshake(request)), response::setHeader);
    if (route instanceof Reply reply) {
      write(response, reply);
    } else if (route instanceof HoldPoll hold) {
      AsyncContext async = request.startAsync();
      async.setTimeout(0); // the session answers within pingInterval (a ping), or when it closes
      AsyncPoll held = new AsyncPoll(hold.session(), async);
      async.addListener(held);
      held.start();
    } else if (route instanceof ReadBody read) {
      AsyncContext async = request.startAsync();
      async.setTimeout(bodyTimeoutMillis);
      ServletInputStream in = request.getInputStream();
      BodyReader reader = new BodyReader(read, async, in);
      async.addListener(reader);
      in.setReadListener(reader);
    }
  }

  private static Handshake handshake(HttpServletRequest request) {
    Handshake.Builder handshake = Handshake.builder()
        .path(request.getRequestURI())
        .rawQuery(request.getQueryString())
        .remoteAddress(request.getRemoteAddr(), request.getRemotePort())
        .attribute(Handshake.HTTP_SESSION, request.getSession(false));
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        handshake.header(name, value);
      }
    }
    return handshake.build();
  }

  /** Writes {@code reply} on the thread of the caller, which a large body must not block. */
  private static void write(HttpServletResponse response, Reply reply) throws IOException {
    response.setStatus(reply.status());
    if (reply.body().isEmpty()) {
      return;
    }
    byte[] bytes = reply.bytes();
    if (bytes.length > response.getBufferSize()) {
      response.setBufferSize(bytes.length);
    }
    response.setContentType(Reply.CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** Writes {@code reply} to the request {@code async} holds and completes it. */
  private static void complete(AsyncContext async, Reply reply) {
    try {
      write((HttpServletResponse) async.getResponse(), reply);
    } catch (IOException | RuntimeException e) {
      log.debug("Could not answer a polling request", e);
    } finally {
      try {
        async.complete();
      } catch (IllegalStateException alreadyOver) {
        log.debug("Polling request ended before its answer", alreadyOver);
      }
    }
  }

  /** A GET held in an {@link AsyncContext}; the container's error or timeout abandons it. */
  private static final class AsyncPoll extends HeldPoll implements AsyncListener {
    private final AsyncContext async;

    AsyncPoll(EngineIoSession session, AsyncContext async) {
      super(session);
      this.async = async;
    }

    @Override
    protected void write(Reply reply) {
      complete(async, reply);
    }

    @Override
    public void onError(AsyncEvent event) {
      cancelled();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      cancelled();
      try {
        async.complete();
      } catch (IllegalStateException alreadyOver) {
        log.debug("Held poll timed out after its answer", alreadyOver);
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }

  /** Reads a POST body as the container makes it available, at most {@code limit + 1} bytes. */
  private final class BodyReader implements ReadListener, AsyncListener {
    private final ReadBody route;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final AtomicBoolean answered = new AtomicBoolean();
    private byte[] buffer;
    private int length;

    BodyReader(ReadBody route, AsyncContext async, ServletInputStream in) {
      this.route = route;
      this.async = async;
      this.in = in;
      this.buffer = new byte[Math.min(route.limit() + 1, 8192)];
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!answered.get() && in.isReady() && !in.isFinished()) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(route.limit() + 1, buffer.length * 2));
        }
        int read = in.read(buffer, length, buffer.length - length);
        if (read < 0) {
          return; // onAllDataRead follows
        }
        length += read;
        if (length > route.limit()) {
          answer(() -> transport.posted(route.session(), buffer, length)); // 413, without the rest
        }
      }
    }

    @Override
    public void onAllDataRead() {
      answer(() -> transport.posted(route.session(), buffer, length));
    }

    @Override
    public void onError(Throwable failure) {
      log.debug("Polling body broke off", failure);
      answer(() -> transport.bodyBroken(route.session()));
    }

    @Override
    public void onError(AsyncEvent event) {
      answer(() -> transport.bodyBroken(route.session()));
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      answer(() -> transport.bodyBroken(route.session()));
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Answers once: after an answer, late container callbacks must not touch the session. */
    private void answer(Supplier<Reply> reply) {
      if (answered.compareAndSet(false, true)) {
        complete(async, reply.get());
      }
    }
  }
}
