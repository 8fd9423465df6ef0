package dev.signaling.examples;

import java.io.IOException;
import java.util.Objects;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Serves Tyrus's WebSocket endpoints on a Grizzly HTTP listener, as Tyrus's own {@code
 * WebSocketAddOn} does, and lets go of each connection's HTTP upgrade exchange once the
 * connection has become a WebSocket.
 *
 * <p>Why: Grizzly's HTTP codec reads the bytes that follow an upgrade as the body of the upgrade
 * request, so with the stock add-on every WebSocket keeps its parsed request and response
 * (headers, URI, encoding buffers and the request's bytes: about 7 KB of heap) in its connection's
 * attributes for as long as it is open, and every frame passes through the codec. Here, once
 * Tyrus has answered {@code 101 Switching Protocols}, the connection is moved to a second, shorter
 * filter chain — the filters in front of the codec (transport, TLS), the keep-alive idle filter,
 * and Tyrus's filter — and the codec's request is dropped. Plain HTTP requests, failed handshakes
 * and long-polling stay on the listener's chain as before.
 *
 * <p>Uses only public Grizzly and Tyrus API: {@link Connection#setProcessor}, the codec's {@link
 * HttpServerFilter#HTTP_SERVER_REQUEST_ATTR_NAME} attribute, and Tyrus's {@link
 * GrizzlyServerFilter}, which finds each connection's WebSocket in the connection's attributes
 * whichever chain delivers its bytes.
 */
final class WebSocketUpgradeAddOn implements AddOn {
  private final ServerContainer container;
  private final String contextPath;

  WebSocketUpgradeAddOn(ServerContainer container, String contextPath) {
    this.container = Objects.requireNonNull(container, "container");
    this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    int server = builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
    if (codec < 0 || server < codec) {
      throw new IllegalStateException("listener " + listener.getName()
          + " has no HTTP codec followed by an HTTP server filter; cannot serve WebSockets on it");
    }
    FilterChainBuilder upgraded = FilterChainBuilder.stateless();
    for (int i = 0; i < codec; i++) {
      upgraded.add(builder.get(i));
    }
    upgraded.add(new RawBytesAsContent());
    for (int i = codec + 1; i < server; i++) {
      Filter filter = builder.get(i);
      if (filter instanceof IdleTimeoutFilter) {
        upgraded.add(filter); // a keep-alive timeout the user set keeps applying to WebSockets
      }
    }
    ReleasingServerFilter tyrus = new ReleasingServerFilter(container, contextPath);
    // A WebSocket's frames are written through this chain: coalesce them just above the transport.
    upgraded.add(new WriteCoalescingFilter());
    upgraded.add(tyrus);
    tyrus.upgradedChain = upgraded.build();
    builder.add(server, tyrus); // where Tyrus's WebSocketAddOn puts its filter
  }

  /**
   * Tyrus's filter, which additionally moves a connection to the upgraded chain as soon as Tyrus
   * has accepted its handshake.
   */
  private static final class ReleasingServerFilter extends GrizzlyServerFilter {
    private FilterChain upgradedChain;

    ReleasingServerFilter(ServerContainer container, String contextPath) {
      super(container, contextPath);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      HttpHeader header = ((HttpContent) ctx.getMessage()).getHttpHeader(); // before Tyrus recycles it
      NextAction next = super.handleRead(ctx);
      if (header instanceof HttpRequestPacket request
          && "websocket".equalsIgnoreCase(request.getUpgrade())
          && request.getResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101.getStatusCode()) {
        Connection<?> connection = ctx.getConnection();
        if (connection.isOpen()) {
          // From the next read on the connection's bytes bypass the codec; its request can go.
          connection.setProcessor(upgradedChain);
          connection.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
        }
      }
      return next;
    }
  }

  /**
   * Stands where the HTTP codec stood: hands a WebSocket connection's bytes to Tyrus's filter
   * as the {@link HttpContent} it expects. Tyrus reads only the content of messages on
   * connections it has upgraded; the header is a fixed request with no {@code Upgrade}, so a late
   * read on a connection Tyrus has already closed ends the chain instead of starting a handshake.
   */
  private static final class RawBytesAsContent extends BaseFilter {
    private static final HttpRequestPacket UPGRADED = HttpRequestPacket.builder()
        .method(Method.GET).uri("/").protocol(Protocol.HTTP_1_1).build();

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
      Buffer bytes = ctx.getMessage();
      ctx.setMessage(HttpContent.create(UPGRADED, false, bytes));
      return ctx.getInvokeAction();
    }
  }
}
