package dev.signaling.examples;

import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.cluster.redis.RedisBackendConfig;
import dev.signaling.cluster.redis.RedisRoomBackend;
import dev.signaling.core.IceServer;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.HttpLimits;
import dev.signaling.core.ice.IceServerProvider;
import dev.signaling.core.ice.TurnRestIceServers;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.limits.TrustedProxies;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.examples.ops.EnvironmentDefaults;
import dev.signaling.examples.ops.LogFormat;
import dev.signaling.examples.ops.Operations;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar signaling-server.jar [--host H] [--port N]}: the demo signaling server. */
@Command(
    name = "signaling-server",
    mixinStandardHelpOptions = true,
    subcommands = TokenCommand.class,
    version = "signaling-server 0.1.0",
    description = "Serves the WebRTC signaling web app and its WebSocket endpoint (/signaling) on one port.",
    footer = "%nEvery option can also be set by an environment variable: SIGNALING_ and the option's "
        + "name in capitals, e.g. SIGNALING_PORT=9000, SIGNALING_ICE_SERVER=stun:a:3478,stun:b:3478.")
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it on your LAN).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port to bind (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--transport", defaultValue = "grizzly", paramLabel = "grizzly|netty",
      description = "The server underneath: grizzly (Grizzly + Tyrus, the default) or netty (signaling-transport-netty).")
  String transport;

  @Option(names = "--room-capacity", defaultValue = "2", description = "Peers per room (default: ${DEFAULT-VALUE}).")
  int roomCapacity;

  @Option(names = "--ice-server", paramLabel = "URL", split = ",",
      description = "A STUN/TURN server offered to clients, e.g. stun:stun.example.org:3478 (repeatable). None by default.")
  List<String> iceServers = new ArrayList<>();

  @Option(names = "--turn-url", paramLabel = "URL", split = ",",
      description = "A TURN server offered with time-limited credentials, e.g. turn:turn.example.org:3478?transport=udp "
          + "or turns:turn.example.org:5349?transport=tcp (repeatable; needs --turn-secret-file). See docs/TURN.md.")
  List<String> turnUrls = new ArrayList<>();

  @Option(names = "--turn-secret-file", paramLabel = "FILE",
      description = "File holding the secret shared with the TURN server (coturn's static-auth-secret), "
          + "on its first line. Credentials are signed with it (TURN REST API, coturn's use-auth-secret); "
          + "a changed file is read again within 10 s.")
  Path turnSecretFile;

  @Option(names = "--turn-ttl", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long TURN credentials stay valid: 90s, 30m, 1h, 2d or ISO-8601 (default: ${DEFAULT-VALUE}). "
          + "Connections get fresh ones (event ice-servers) when three quarters of it have passed.")
  Duration turnTtl;

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN", split = ",",
      description = "Accept WebSocket handshakes only from this Origin, e.g. https://example.org (repeatable). Any by default.")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(names = "--quiet-clients", description = "Do not send log lines and ipaddr answers to clients (the library's default).")
  boolean quietClients;

  @Option(names = "--redis", paramLabel = "URI",
      description = "Run as a cluster node sharing rooms with other nodes through this Redis, e.g. "
          + "redis://127.0.0.1:6379 (rediss://:PASSWORD@HOST:PORT for TLS). Off by default: rooms live in this process.")
  String redis;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "This node's id: in the cluster (unique among nodes), in /admin/stats and logs. Random by default.")
  String nodeId;

  @Option(names = "--admin-port", paramLabel = "N",
      description = "Serve /metrics, /healthz, /readyz and /admin/stats on this port instead of the main one (0 picks a free one).")
  Integer adminPort;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "A file holding the bearer token /metrics and /admin/* require. Without it they answer loopback clients only.")
  Path adminTokenFile;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "On SIGTERM, how long to wait for clients to leave after telling them to reconnect elsewhere (close 1012), e.g. 30s (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--drain-delay", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "On SIGTERM, how long /readyz says 503 (new connections refused, open ones untouched) before clients "
          + "are told to go, so load balancers stop sending new ones first, e.g. 5s (default: ${DEFAULT-VALUE}).")
  Duration drainDelay;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Log lines as text or json (one JSON object per line) (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--resume-window", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long a dropped connection's session waits to be resumed, e.g. 30s, 500ms, 2m "
          + "(default: ${DEFAULT-VALUE}; 0 turns resume off).")
  Duration resumeWindow;

  @Option(names = "--reconnect-grace", paramLabel = "DURATION", defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How long a resume waits for the end of its session's old connection, which the server "
          + "pings meanwhile, before refusing it as in use (default: ${DEFAULT-VALUE}; 0 refuses at once).")
  Duration reconnectGrace;

  @Option(names = "--web-root", paramLabel = "DIR",
      description = "Serve this directory's files instead of the built-in web app (the endpoints, /config and "
          + "/socket.io/socket.io.js stay). Nothing outside it is served; directories are not listed.")
  Path webRoot;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS and WSS with this PEM certificate chain (with --tls-key), or this PKCS#12 file (.p12/.pfx).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The PEM private key (PKCS#8, -----BEGIN PRIVATE KEY-----) for --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "The PKCS#12 file's password (asked for when given without a value).")
  char[] tlsPassword;

  @Option(names = "--max-connections", defaultValue = "10000",
      description = "Connections (WebSockets and unupgraded polling sessions) in all; more are refused with HTTP 503 (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-connections-per-ip", defaultValue = "100",
      description = "Connections from one client address; more are refused with HTTP 429 (default: ${DEFAULT-VALUE}).")
  int maxConnectionsPerIp;

  @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
      description = "A reverse proxy whose Forwarded / X-Forwarded-For headers name the client's address, "
          + "e.g. 10.0.0.0/8 (repeatable). None by default: the direct peer's address counts.")
  List<String> trustedProxies = new ArrayList<>();

  @Option(names = "--rate-limit", paramLabel = "EVENTS", defaultValue = "50",
      description = "Events per second one connection may send, sustained; more get error 'rate-limited' (default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(names = "--rate-burst", paramLabel = "EVENTS", defaultValue = "200",
      description = "Events one connection may send at once after a quiet spell (default: ${DEFAULT-VALUE}).")
  int rateBurst;

  @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Drop connections that take longer to send a request's headers (default: ${DEFAULT-VALUE}).")
  int headerTimeoutSeconds;
  @Option(names = "--jwt-secret-file", paramLabel = "FILE",
      description = "Turns authentication on: clients must present a JWT (HS256) signed with the secret in this file "
          + "(at least 32 bytes), as ?token= or an auth token; its rooms claim lists the rooms they may enter. "
          + "`signaling-server token` mints one. Off by default.")
  Path jwtSecretFile;

  @Option(names = "--jwks-file", paramLabel = "FILE",
      description = "Turns authentication on with RS256/ES256 JWTs verified by the public keys of this JWKS file "
          + "(with --jwt-secret-file, both kinds are accepted). Off by default.")
  Path jwksFile;

  @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "With JWTs: require this iss claim.")
  String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD", description = "With JWTs: require this aud claim.")
  String jwtAudience;

  @Override
  public Integer call() throws Exception {
    logFormat().apply();
    ExampleServer server = server().build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop(server);
      stopped.countDown();
    }, "shutdown"));
    log.info("Signaling server ({}) listening on {} (WebSocket: {}signaling){}",
        server.transport().name().toLowerCase(java.util.Locale.ROOT), server.url(),
        server.url().replaceFirst("^http", "ws"), webRoot != null ? "; serving " + webRoot.toAbsolutePath() : "");
    if (adminPort != null) {
      log.info("Admin endpoints (/metrics, /healthz, /readyz, /admin/stats) on {}", server.adminUrl());
    }
    if (jwtSecretFile != null || jwksFile != null) {
      log.info("Authentication is on: open {}myroom?token=TOKEN in two tabs, TOKEN from {}. Ctrl-C stops.", server.url(),
          jwtSecretFile != null ? "`java -jar signaling-server.jar token --jwt-secret-file " + jwtSecretFile + " --room myroom`"
              : "your token issuer (its rooms claim must list myroom)");
    } else {
      log.info("Open {}myroom in two tabs to join room 'myroom'. Ctrl-C stops.", server.url());
    }
    stopped.await();
    return 0;
  }

  /**
   * SIGTERM or Ctrl-C: readiness 503 and new connections refused at once; after --drain-delay
   * clients are told 1012 and have up to --drain-timeout to leave; then stop.
   */
  private void stop(ExampleServer server) {
    log.info("Stopping signaling server: draining {} connection(s) for up to {}",
        server.engine().connections().count(), drainTimeout);
    try {
      if (!drainDelay.isZero()) {
        server.engine().stopAccepting();
        log.info("Readiness off; clients are told to go in {}", drainDelay);
        Thread.sleep(drainDelay.toMillis());
      }
      if (server.drain(drainTimeout)) {
        log.info("Every connection left");
      } else {
        log.warn("Drain timeout: closing {} connection(s) still open", server.engine().connections().count());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    log.info("Stopped");
  }

  LogFormat logFormat() {
    return switch (logFormat) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "--log-format must be text or json, got '" + logFormat + "'");
    };
  }

  /**
   * The server this command line describes, not yet started: the native endpoint, socket.io at
   * {@code /socket.io/} on the same engine and rooms, and the web app. {@link #call()} starts
   * it; tests start it the same way.
   */
  ExampleServer.Builder server() {
    Operations operations = Operations.create(adminTokenFile);
    SignalingEngine engine = engine(operations);
    ExampleServer.Builder server = ExampleServer.builder()
        .transport(transport())
        .host(host)
        .port(port)
        .engine(engine)
        .webSocketOptions(webSocketOptions())
        .httpLimits(HttpLimits.builder().headerTimeout(Duration.ofSeconds(headerTimeoutSeconds)).build())
        .socketIo(SocketIoServer.builder().config(socketIoConfig()).signaling(engine).build());
    if (adminPort != null) {
      server.adminPort(adminPort);
    }
    operations.routes(engine, nodeId()).forEach(server::adminRoute);
    if (webRoot != null) {
      server.webRoot(webRoot);
    }
    if (tlsCert != null) {
      try {
        server.tls(TlsFiles.load(tlsCert, tlsKey, tlsPassword));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the TLS files", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot use the TLS files: " + e.getMessage(), e);
      }
    } else if (tlsKey != null) {
      throw new IllegalArgumentException("--tls-key needs --tls-cert");
    }
    return server;
  }

  Transport transport() {
    try {
      return Transport.valueOf(transport.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--transport must be grizzly or netty, got '" + transport + "'");
    }
  }

  /** The engine: rooms in this process, or shared through Redis with {@code --redis}. */
  SignalingEngine engine(Operations operations) {
    SignalingConfig config = signalingConfig();
    SignalingEngine.Builder engine = SignalingEngine.builder()
        .config(config)
        .observer(operations.observer())
        .connectionLimits(new ConnectionLimits(maxConnections, maxConnectionsPerIp))
        .trustedProxies(TrustedProxies.of(trustedProxies));
    JwtAuthenticator jwt = jwtAuthenticator();
    if (jwt != null) {
      engine.authenticator(jwt);
    }
    IceServerProvider turn = turnServers(config);
    if (turn != null) {
      engine.iceServerProvider(turn);
    }
    if (redis != null) {
      engine.backend(RedisRoomBackend.connect(RedisBackendConfig.builder(redis).nodeId(nodeId()).build()));
    }
    return engine.build();
  }

  /** --node-id, or a random one chosen once. */
  String nodeId() {
    if (nodeId == null) {
      nodeId = UUID.randomUUID().toString().substring(0, 8);
    }
    return nodeId;
  }

  /** With {@code --jwt-secret-file} and/or {@code --jwks-file}: the JWT authenticator; null without. */
  JwtAuthenticator jwtAuthenticator() {
    if (jwtSecretFile == null && jwksFile == null) {
      return null;
    }
    JwtAuthenticator.Builder jwt = JwtAuthenticator.builder();
    try {
      if (jwtSecretFile != null) {
        jwt.hmacSecretFile(jwtSecretFile);
      }
      if (jwksFile != null) {
        jwt.jwksFile(jwksFile);
      }
    } catch (IOException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "cannot read a JWT key file: " + e);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
    }
    if (jwtIssuer != null) {
      jwt.issuer(jwtIssuer);
    }
    if (jwtAudience != null) {
      jwt.audience(jwtAudience);
    }
    return jwt.build();
  }

  /**
   * With {@code --turn-url}: the ICE servers with time-limited TURN credentials (the {@code
   * --ice-server} ones first); null without.
   */
  IceServerProvider turnServers(SignalingConfig config) {
    if (turnUrls.isEmpty() && turnSecretFile == null) {
      return null;
    }
    if (turnUrls.isEmpty() || turnSecretFile == null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--turn-url and --turn-secret-file go together: the credentials are signed with the secret for those URLs");
    }
    try {
      return TurnRestIceServers.builder()
          .turnUrls(turnUrls)
          .secret(readSecret(turnSecretFile))
          .ttl(turnTtl)
          .otherServers(config.iceServers())
          .build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
    }
  }

  /** The secret of {@code --turn-secret-file}, looked at again every 10 s for a rotation. */
  private SecretFile readSecret(Path file) {
    try {
      return new SecretFile(file, Duration.ofSeconds(10), InstantSource.system());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "cannot read --turn-secret-file " + file + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--turn-secret-file " + e.getMessage());
    }
  }

  SignalingConfig signalingConfig() {
    List<IceServer> ice = new ArrayList<>();
    for (String url : iceServers) {
      ice.add(IceServer.of(url));
    }
    // The demo shows the codelab's log lines and ipaddr answers; the library keeps them off.
    return SignalingConfig.builder()
        .roomCapacity(roomCapacity)
        .clientLogging(!quietClients)
        .ipAddrAnswers(!quietClients)
        .iceServers(ice)
        .resume(ResumePolicy.DEFAULT.toBuilder().window(resumeWindow).reconnectGrace(reconnectGrace).build())
        .rateLimit(new RateLimit(rateLimit, rateBurst))
        .build();
  }

  WebSocketOptions webSocketOptions() {
    WebSocketOptions.Builder options = WebSocketOptions.builder();
    if (!allowedOrigins.isEmpty()) {
      options.originPolicy(WebSocketOptions.allowOrigins(Set.copyOf(allowedOrigins)));
    }
    return options.build();
  }

  SocketIoConfig socketIoConfig() {
    // Same rule as the native endpoint: any origin unless --allowed-origin narrows it.
    return SocketIoConfig.builder()
        .originPolicy(allowedOrigins.isEmpty()
            ? OriginPolicy.anyOrigin()
            : OriginPolicy.allowing(Set.copyOf(allowedOrigins)))
        .build();
  }

  /** The command line as {@link #main} parses it: options default to {@code SIGNALING_*} variables of {@code environment}. */
  static CommandLine commandLine(Main main, Map<String, String> environment) {
    return new CommandLine(main).setDefaultValueProvider(new EnvironmentDefaults(environment));
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main(), System.getenv()).execute(args));
  }
}
