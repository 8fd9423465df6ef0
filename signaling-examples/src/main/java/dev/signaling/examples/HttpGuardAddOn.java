package dev.signaling.examples;

import dev.signaling.core.http.RequestPaths;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.core.limits.ConnectionAdmission.Admitted;
import dev.signaling.core.limits.ConnectionAdmission.Refused;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;

/**
 * What every HTTP request to the example server passes before any handler or Tyrus sees it:
 *
 * <ul>
 *   <li>request lines and headers over the listener's limit get 414 and 431 (Grizzly's codec
 *       says 400 for both);
 *   <li>a request's headers must arrive within the {@link HeaderDeadline} (slowloris);
 *   <li>a path that could leave the served directory in any spelling gets 404 ({@link
 *       RequestPaths});
 *   <li>a WebSocket upgrade (either protocol) must be admitted by the engine's {@link
 *       ConnectionAdmission}, else 429 or 503 before Tyrus allocates anything; its place is given
 *       back when the connection closes;
 *   <li>every response carries {@code X-Content-Type-Options: nosniff} and {@code
 *       Referrer-Policy: no-referrer}.
 * </ul>
 *
 * Register it before {@link WebSocketUpgradeAddOn}: its filter sits right after the HTTP codec.
 */
final class HttpGuardAddOn implements AddOn {
  private final ConnectionAdmission admission;
  private final HeaderDeadline deadline;

  HttpGuardAddOn(ConnectionAdmission admission, HeaderDeadline deadline) {
    this.admission = Objects.requireNonNull(admission, "admission");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    if (codec < 0) {
      throw new IllegalStateException("listener " + listener.getName() + " has no HTTP codec");
    }
    builder.set(codec, new StatusCodec(listener));
    builder.add(codec + 1, new GuardFilter(admission, deadline));
  }

  /** Grizzly's HTTP codec, answering oversized request lines 414 and oversized headers 431. */
  private static final class StatusCodec extends HttpServerFilter {
    @SuppressWarnings("deprecation") // the codec has no builder yet; this is the listener's own call
    StatusCodec(NetworkListener listener) {
      super(listener.isChunkingEnabled(),
          listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize(),
          null, listener.getKeepAlive(), null, listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable error) throws IOException {
      if (header instanceof HttpRequestPacket request && !request.getResponse().isCommitted()) {
        String message = String.valueOf(error.getMessage());
        if (message.contains("intial line") || message.contains("initial line")) {
          request.getResponse().setStatus(414);
          request.getResponse().setReasonPhrase("URI Too Long");
        } else if (message.contains("header is too large") || error.getClass().getSimpleName().contains("MaxHeaderCount")) {
          request.getResponse().setStatus(431);
          request.getResponse().setReasonPhrase("Request Header Fields Too Large");
        }
      }
      super.onHttpHeaderError(header, ctx, error);
    }
  }

  private static final class GuardFilter extends BaseFilter {
    /** Marks a request (in its own attributes, recycled with it) whose headers were checked. */
    private static final String CHECKED = GuardFilter.class.getName() + ".checked";
    private static final Attribute<ConnectionAdmission.Ticket> TICKET =
        Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(GuardFilter.class.getName() + ".ticket");

    private final ConnectionAdmission admission;
    private final HeaderDeadline deadline;

    GuardFilter(ConnectionAdmission admission, HeaderDeadline deadline) {
      this.admission = admission;
      this.deadline = deadline;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
      deadline.awaitHeaders(ctx.getConnection());
      return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
      deadline.closed(ctx.getConnection());
      return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      Object message = ctx.getMessage();
      if (!(message instanceof HttpContent content) || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
        return ctx.getInvokeAction();
      }
      Connection<?> connection = ctx.getConnection();
      if (request.getAttribute(CHECKED) != null) {
        return ctx.getInvokeAction(); // more of a request already checked: its body
      }
      request.setAttribute(CHECKED, Boolean.TRUE);
      deadline.headersArrived(connection);
      String path = request.getRequestURI();
      if (RequestPaths.decode(path).isEmpty()) {
        return refuse(ctx, request, 404, "Not Found", "no such file");
      }
      if ("websocket".equalsIgnoreCase(request.getUpgrade())) {
        String peer = connection.getPeerAddress() instanceof InetSocketAddress address && address.getAddress() != null
            ? address.getAddress().getHostAddress() : String.valueOf(connection.getPeerAddress());
        String client = admission.clientAddress(peer, request.getHeader("Forwarded"), request.getHeader("X-Forwarded-For"));
        ConnectionAdmission.Admission admitted = TICKET.get(connection) != null
            ? null // a second upgrade attempt on a connection that holds a place already
            : admission.admit(client);
        if (admitted instanceof Refused refused) {
          return refuse(ctx, request, refused.httpStatus(),
              refused.httpStatus() == 429 ? "Too Many Requests" : "Service Unavailable", refused.reason());
        }
        if (admitted instanceof Admitted place) {
          TICKET.set(connection, place.ticket());
          connection.addCloseListener((closed, type) -> place.ticket().release());
        }
      }
      return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
      if (ctx.getMessage() instanceof HttpPacket packet && packet.getHttpHeader() instanceof HttpResponsePacket response) {
        if (!response.isCommitted()) {
          if (!response.containsHeader("X-Content-Type-Options")) {
            response.addHeader("X-Content-Type-Options", "nosniff");
          }
          if (!response.containsHeader("Referrer-Policy")) {
            response.addHeader("Referrer-Policy", "no-referrer");
          }
        }
        if (packet instanceof HttpContent content && content.isLast() && response.getStatus() != 101) {
          deadline.awaitHeaders(ctx.getConnection()); // the next request's headers are due
        }
      }
      return ctx.getInvokeAction();
    }

    private static NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, int status, String phrase,
        String reason) {
      HttpResponsePacket response = request.getResponse();
      response.setStatus(status);
      response.setReasonPhrase(phrase);
      response.setContentType("text/plain;charset=utf-8");
      byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
      response.setContentLength(body.length);
      response.getProcessingState().setKeepAlive(false);
      response.addHeader("Connection", "close");
      Connection<?> connection = ctx.getConnection();
      HttpContent answer = HttpContent.builder(response)
          .content(Buffers.wrap(connection.getMemoryManager(), body))
          .last(true)
          .build();
      ctx.write(answer, new EmptyCompletionHandler<WriteResult>() {
        @Override
        public void completed(WriteResult result) {
          connection.closeSilently();
        }

        @Override
        public void failed(Throwable error) {
          connection.closeSilently();
        }
      });
      return ctx.getStopAction();
    }
  }
}
