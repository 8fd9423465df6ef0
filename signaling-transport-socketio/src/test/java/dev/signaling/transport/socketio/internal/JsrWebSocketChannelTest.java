package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The channel reports the connection's end itself after closing it: a container may never call
 * the endpoint's {@code onClose} (Tyrus does not when this close races its own discovery of the
 * reset), and the Engine.IO session must not stay attached to a dead connection.
 */
class JsrWebSocketChannelTest {
  /** A container session whose sends fail (the peer reset the connection) and whose close reports nothing. */
  private static final class DeadConnection {
    final List<CloseReason> closes = new ArrayList<>();
    final Session session;

    DeadConnection() {
      RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
            if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler handler) {
              handler.onResult(new SendResult(new IOException("Connection reset by peer")));
              return null;
            }
            throw new UnsupportedOperationException(method.getName());
          });
      session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "getAsyncRemote" -> remote;
            case "isOpen" -> closes.isEmpty();
            case "getId" -> "dead";
            case "close" -> {
              closes.add(args != null && args.length == 1 ? (CloseReason) args[0] : null);
              yield null; // ...and, as Tyrus in that race, never calls onClose
            }
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }
  }

  @Test
  void aFailedSendClosesTheConnectionAndReportsItsEndWithoutTheContainersOnClose() {
    DeadConnection connection = new DeadConnection();
    AtomicInteger ended = new AtomicInteger();
    JsrWebSocketChannel channel = new JsrWebSocketChannel(connection.session, 1 << 20, ended::incrementAndGet);

    channel.enqueue(OutboundPacket.text("42[\"message\",{\"n\":1},\"7\"]"));
    channel.flush();

    assertEquals(1, connection.closes.size(), "the broken connection is closed");
    assertEquals(CloseReason.CloseCodes.GOING_AWAY, connection.closes.get(0).getCloseCode());
    assertEquals(1, ended.get(), "its end is reported to the session");
    channel.close(1000, "again");
    assertEquals(1, connection.closes.size());
    assertEquals(1, ended.get(), "once");
  }

  @Test
  void aCloseTheSessionAsksForIsReportedOnceToo() {
    DeadConnection connection = new DeadConnection();
    AtomicInteger ended = new AtomicInteger();
    JsrWebSocketChannel channel = new JsrWebSocketChannel(connection.session, 1 << 20, ended::incrementAndGet);

    channel.close(1001, "ping timeout");

    assertEquals(List.of(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout")).toString(),
        connection.closes.toString());
    assertEquals(1, ended.get());
    assertFalse(connection.session.isOpen());
  }
}
