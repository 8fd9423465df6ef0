package dev.signaling.core.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The remote address of a WebSocket upgrade, where the container offers it outside any standard
 * API (JSR-356 has none). Best effort, never failing: a public {@code getRemoteAddr()} (and
 * {@code getRemotePort()}) of the given object (Tyrus's handshake request and session), else of
 * the servlet request it wraps in a field named {@code request} (Tomcat's {@code
 * WsHandshakeRequest} during {@code modifyHandshake}); else unknown (null).
 */
public final class RemoteAddresses {
  private RemoteAddresses() {}

  /** {@code "ip:port"}-like parts of {@code source}'s remote address as text, or null. */
  public static String[] of(Object source) {
    if (source == null) {
      return null;
    }
    String[] direct = viaGetter(source);
    if (direct != null) {
      return direct;
    }
    for (Class<?> type = source.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("request");
        field.setAccessible(true);
        String[] wrapped = viaGetter(field.get(source));
        if (wrapped != null) {
          return wrapped;
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // no such field, or not accessible here: try the superclass, then give up
      }
    }
    return null;
  }

  /** {@link #of} as a socket address (numeric, never looked up), or null. */
  public static InetSocketAddress addressOf(Object source) {
    String[] parts = of(source);
    if (parts == null) {
      return null;
    }
    int port;
    try {
      port = parts[1] == null ? 0 : Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      port = 0;
    }
    return dev.signaling.core.Handshake.builder().remoteAddress(parts[0], port).build().remoteAddress().orElse(null);
  }

  private static String[] viaGetter(Object source) {
    if (source == null) {
      return null;
    }
    try {
      Method address = source.getClass().getMethod("getRemoteAddr");
      if (address.getReturnType() != String.class) {
        return null;
      }
      String ip = (String) address.invoke(source);
      if (ip == null || ip.isEmpty()) {
        return null;
      }
      String port = null;
      try {
        Method remotePort = source.getClass().getMethod("getRemotePort");
        port = String.valueOf(remotePort.invoke(source));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the address alone then
      }
      return new String[] {ip, port};
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
