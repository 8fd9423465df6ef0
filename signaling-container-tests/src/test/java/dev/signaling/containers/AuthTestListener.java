package dev.signaling.containers;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.core.Authenticator;
import dev.signaling.core.EventHandler;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.examples.embedding.AuthenticatedContextListener;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.SocketIoServletDeployer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A web app that authenticates, declared as a {@code @WebListener} would be: the JWT
 * authenticator (secret and JWKS files from context parameters) on the native endpoint at
 * {@code /signaling} and on Socket.IO at {@code /socket.io/}; and the servlet-session
 * authenticator of {@link AuthenticatedContextListener} on {@code /session-signaling}, whose
 * users log in at {@code /login?user=NAME[&room=ROOM]}.
 * The application event {@code whoami} acknowledges [subject, remote address, path].
 */
public class AuthTestListener implements ServletContextListener {
  static final String SECRET_FILE = "test.jwt-secret-file";
  static final String JWKS_FILE = "test.jwks-file";

  private SignalingEngine jwtEngine;
  private SignalingEngine sessionEngine;
  private SignalingEndpoints jwtEndpoints;
  private SignalingEndpoints sessionEndpoints;
  private SocketIoServer socketIo;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    JwtAuthenticator jwt;
    try {
      jwt = JwtAuthenticator.builder()
          .hmacSecretFile(Path.of(context.getInitParameter(SECRET_FILE)))
          .jwksFile(Path.of(context.getInitParameter(JWKS_FILE)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jwtEngine = SignalingEngine.builder().authenticator(jwt).on("whoami", WHOAMI).build();
    jwtEndpoints = deploy(context, jwtEngine, "/signaling");
    socketIo = SocketIoServer.builder().signaling(jwtEngine).build();
    SocketIoServletDeployer.deploy(context, socketIo);

    // The embedding sample's custom authenticator: the servlet session's logged-in user.
    Authenticator loggedIn = AuthenticatedContextListener.LOGGED_IN_USERS;
    sessionEngine = SignalingEngine.builder().authenticator(loggedIn).on("whoami", WHOAMI).build();
    sessionEndpoints = deploy(context, sessionEngine, "/session-signaling");
    context.addServlet("login", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        session.setAttribute(AuthenticatedContextListener.USER_ATTRIBUTE, request.getParameter("user"));
        String room = request.getParameter("room");
        if (room != null) {
          session.setAttribute(AuthenticatedContextListener.ROOMS_ATTRIBUTE, java.util.Set.of(room));
        }
        response.getWriter().write("logged in");
      }
    }).addMapping("/login");
  }

  private static final EventHandler WHOAMI = (peer, args, ack) -> ack.reply(List.of(
      TextNode.valueOf(peer.identity().subject().orElse("")),
      TextNode.valueOf(peer.handshake().remoteHost().orElse("")),
      TextNode.valueOf(peer.handshake().path())));

  private static SignalingEndpoints deploy(ServletContext context, SignalingEngine engine, String path) {
    SignalingEndpoints endpoints = SignalingEndpoints.create(engine, WebSocketOptions.builder().path(path).build());
    ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
    try {
      container.addEndpoint(endpoints.config());
    } catch (DeploymentException e) {
      throw new IllegalStateException("cannot deploy " + path, e);
    }
    return endpoints;
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    socketIo.close();
    jwtEndpoints.close();
    sessionEndpoints.close();
    jwtEngine.close();
    sessionEngine.close();
  }
}
