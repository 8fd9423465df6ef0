package dev.signaling.spring.boot;

import dev.signaling.core.ResumePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code signaling.*} properties. Every default is the library's own (a unit test holds them
 * equal), so an application sets only what it changes. docs/SPRING-BOOT.md lists them all.
 */
@ConfigurationProperties("signaling")
public class SignalingProperties {

  /** Whether to auto-configure signaling at all. */
  private boolean enabled = true;

  /** Where the native-protocol WebSocket endpoint is deployed, below the context path. */
  private String path = "/signaling";

  /** Peers one room holds; the codelab's value is 2. */
  private int roomCapacity = 2;

  /** Longest room name, in bytes of UTF-8. */
  private int maxRoomNameBytes = 128;

  /**
   * Browser origins allowed to connect (scheme://host[:port]), on both wire protocols. Empty
   * (the default) or "*" allows any; set it in production. With a list, native handshakes
   * without an Origin header are refused, while Socket.IO accepts clients that send none
   * (non-browser clients).
   */
  private List<String> allowedOrigins = new ArrayList<>();

  /** Send "log" lines to clients (off: they expose the server's internals). */
  private boolean clientLogging = false;

  /** Answer "ipaddr" requests with the server's addresses (off: they expose them). */
  private boolean ipAddrAnswers = false;

  /** Errors one peer may cause within error-window before it is closed with 1008. */
  private int errorLimit = 20;

  /** The window error-limit counts in. */
  private Duration errorWindow = Duration.ofSeconds(10);

  /**
   * How long the application's Authenticator bean may take to admit a connection before it is
   * refused as unavailable.
   */
  private Duration authenticationTimeout = Duration.ofSeconds(10);

  /**
   * Show each sender's authenticated subject to the receivers of its messages, as a third
   * argument of "message" (off: the wire carries peer ids only).
   */
  private boolean showSubjects = false;

  /**
   * On shutdown, before the web server stops, open connections are closed with 1012 (service
   * restart: clients reconnect at once, to another instance) and the shutdown waits this long at
   * most for them to go. 0 waits not at all.
   */
  private Duration drainTimeout = Duration.ofSeconds(10);

  /** STUN and TURN servers offered to clients; none by default. */
  private List<IceServer> iceServers = new ArrayList<>();

  private final Resume resume = new Resume();

  private final WebSocket websocket = new WebSocket();

  private final SocketIo socketio = new SocketIo();

  private final Redis redis = new Redis();

  private final Auth auth = new Auth();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public int getRoomCapacity() {
    return roomCapacity;
  }

  public void setRoomCapacity(int roomCapacity) {
    this.roomCapacity = roomCapacity;
  }

  public int getMaxRoomNameBytes() {
    return maxRoomNameBytes;
  }

  public void setMaxRoomNameBytes(int maxRoomNameBytes) {
    this.maxRoomNameBytes = maxRoomNameBytes;
  }

  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  public boolean isClientLogging() {
    return clientLogging;
  }

  public void setClientLogging(boolean clientLogging) {
    this.clientLogging = clientLogging;
  }

  public boolean isIpAddrAnswers() {
    return ipAddrAnswers;
  }

  public void setIpAddrAnswers(boolean ipAddrAnswers) {
    this.ipAddrAnswers = ipAddrAnswers;
  }

  public int getErrorLimit() {
    return errorLimit;
  }

  public void setErrorLimit(int errorLimit) {
    this.errorLimit = errorLimit;
  }

  public Duration getErrorWindow() {
    return errorWindow;
  }

  public void setErrorWindow(Duration errorWindow) {
    this.errorWindow = errorWindow;
  }

  public Duration getAuthenticationTimeout() {
    return authenticationTimeout;
  }

  public void setAuthenticationTimeout(Duration authenticationTimeout) {
    this.authenticationTimeout = authenticationTimeout;
  }

  public boolean isShowSubjects() {
    return showSubjects;
  }

  public void setShowSubjects(boolean showSubjects) {
    this.showSubjects = showSubjects;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public List<IceServer> getIceServers() {
    return iceServers;
  }

  public void setIceServers(List<IceServer> iceServers) {
    this.iceServers = iceServers;
  }

  public Resume getResume() {
    return resume;
  }

  public WebSocket getWebsocket() {
    return websocket;
  }

  public SocketIo getSocketio() {
    return socketio;
  }

  public Redis getRedis() {
    return redis;
  }

  public Auth getAuth() {
    return auth;
  }

  /** Authentication of every connection, on both protocols (docs/AUTH.md). */
  public static class Auth {
    private final Jwt jwt = new Jwt();

    public Jwt getJwt() {
      return jwt;
    }
  }

  /**
   * JSON Web Tokens (with signaling-auth-jwt on the class path): set secret-file, jwks-file or
   * jwks-url and every connection must present a valid token (?token=, Authorization: Bearer,
   * or Socket.IO's auth.token).
   */
  public static class Jwt {
    /** File holding the HS256 shared secret (at least 32 bytes; one trailing newline ignored). */
    private java.nio.file.Path secretFile;

    /** JWKS file ({"keys": [...]}) whose public keys verify RS256 and ES256 tokens. */
    private java.nio.file.Path jwksFile;

    /** JWKS URL whose public keys verify RS256 and ES256 tokens, fetched and cached. */
    private java.net.URL jwksUrl;

    /** How long keys fetched from jwks-url are cached. */
    private Duration jwksCacheTtl = Duration.ofMinutes(5);

    /** Required "iss" claim; not checked when unset. */
    private String issuer;

    /** Required value in the "aud" claim; not checked when unset. */
    private String audience;

    /** Tolerance for "exp" and "nbf" between clocks (at most 1 h). */
    private Duration clockSkew = Duration.ofSeconds(30);

    public java.nio.file.Path getSecretFile() {
      return secretFile;
    }

    public void setSecretFile(java.nio.file.Path secretFile) {
      this.secretFile = secretFile;
    }

    public java.nio.file.Path getJwksFile() {
      return jwksFile;
    }

    public void setJwksFile(java.nio.file.Path jwksFile) {
      this.jwksFile = jwksFile;
    }

    public java.net.URL getJwksUrl() {
      return jwksUrl;
    }

    public void setJwksUrl(java.net.URL jwksUrl) {
      this.jwksUrl = jwksUrl;
    }

    public Duration getJwksCacheTtl() {
      return jwksCacheTtl;
    }

    public void setJwksCacheTtl(Duration jwksCacheTtl) {
      this.jwksCacheTtl = jwksCacheTtl;
    }

    public String getIssuer() {
      return issuer;
    }

    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public Duration getClockSkew() {
      return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
    }
  }

  /** One STUN or TURN server. */
  public static class IceServer {
    /** Its URLs, each starting with stun:, stuns:, turn: or turns:. */
    private List<String> urls = new ArrayList<>();

    /** TURN user name; none for STUN. */
    private String username;

    /** TURN credential; none for STUN. */
    private String credential;

    public List<String> getUrls() {
      return urls;
    }

    public void setUrls(List<String> urls) {
      this.urls = urls;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getCredential() {
      return credential;
    }

    public void setCredential(String credential) {
      this.credential = credential;
    }
  }

  /**
   * Resuming a dropped connection within a window (docs/PROTOCOL.md, "Resume"), on both
   * protocols: native clients get "welcome" and numbered events, Socket.IO clients connection
   * state recovery.
   */
  public static class Resume {
    /** How long a dropped connection's session waits to be resumed; 0 turns resume off. */
    private Duration window = Duration.ofSeconds(30);

    /** Events kept per waiting session; a session that misses more ends (its partners get "bye"). */
    private int maxEvents = 1000;

    /** Bytes of events kept per waiting session; a session that misses more ends. */
    private DataSize maxBytes = DataSize.ofMegabytes(1);

    /**
     * Tell a dropped peer's room partners "peer-disconnected" when its connection drops and
     * "peer-reconnected" when it resumes.
     */
    private boolean notifyPeers = true;

    /**
     * How long a resume that finds its session still attached (the client reconnected before the
     * server noticed the drop) waits for the old connection's end, which is pinged meanwhile;
     * 0 refuses such a resume at once ("in-use").
     */
    private Duration reconnectGrace = ResumePolicy.DEFAULT_RECONNECT_GRACE;

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public int getMaxEvents() {
      return maxEvents;
    }

    public void setMaxEvents(int maxEvents) {
      this.maxEvents = maxEvents;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public boolean isNotifyPeers() {
      return notifyPeers;
    }

    public void setNotifyPeers(boolean notifyPeers) {
      this.notifyPeers = notifyPeers;
    }

    public Duration getReconnectGrace() {
      return reconnectGrace;
    }

    public void setReconnectGrace(Duration reconnectGrace) {
      this.reconnectGrace = reconnectGrace;
    }
  }

  /** The native protocol's WebSocket endpoint (at signaling.path). */
  public static class WebSocket {
    /** Whether to deploy the native endpoint. */
    private boolean enabled = true;

    /** Largest text message; a larger one closes the connection with 1009. */
    private DataSize maxTextMessageSize = DataSize.ofKilobytes(64);

    /** Outbound bytes a slow reader may have waiting before it is closed with 1013. */
    private DataSize maxQueuedSize = DataSize.ofMegabytes(1);

    /** How often the server pings each connection. */
    private Duration pingInterval = Duration.ofSeconds(25);

    /** A connection silent this long is closed with 1001; must exceed ping-interval. */
    private Duration idleTimeout = Duration.ofSeconds(60);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public DataSize getMaxTextMessageSize() {
      return maxTextMessageSize;
    }

    public void setMaxTextMessageSize(DataSize maxTextMessageSize) {
      this.maxTextMessageSize = maxTextMessageSize;
    }

    public DataSize getMaxQueuedSize() {
      return maxQueuedSize;
    }

    public void setMaxQueuedSize(DataSize maxQueuedSize) {
      this.maxQueuedSize = maxQueuedSize;
    }

    public Duration getPingInterval() {
      return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
    }

    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }
  }

  /** Socket.IO v4 clients, over WebSocket and HTTP long-polling, on the same port. */
  public static class SocketIo {
    /** Whether to serve Socket.IO. */
    private boolean enabled = true;

    /** Where socket.io clients connect; starts and ends with '/'. */
    private String path = "/socket.io/";

    /** How often the server pings. */
    private Duration pingInterval = Duration.ofSeconds(25);

    /** How long a ping may wait for its pong before the session is closed. */
    private Duration pingTimeout = Duration.ofSeconds(20);

    /** Largest Engine.IO message or polling body; a larger polling body is answered 413. */
    private DataSize maxPayload = DataSize.ofBytes(1_000_000);

    /** How long a new connection may take to join a namespace. */
    private Duration connectTimeout = Duration.ofSeconds(45);

    /** How long a polling to WebSocket upgrade may take after its probe. */
    private Duration upgradeTimeout = Duration.ofSeconds(10);

    /** Outbound bytes one session may have waiting before it is closed as a slow reader. */
    private DataSize maxQueuedSize = DataSize.ofMegabytes(4);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public Duration getPingInterval() {
      return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
    }

    public Duration getPingTimeout() {
      return pingTimeout;
    }

    public void setPingTimeout(Duration pingTimeout) {
      this.pingTimeout = pingTimeout;
    }

    public DataSize getMaxPayload() {
      return maxPayload;
    }

    public void setMaxPayload(DataSize maxPayload) {
      this.maxPayload = maxPayload;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getUpgradeTimeout() {
      return upgradeTimeout;
    }

    public void setUpgradeTimeout(Duration upgradeTimeout) {
      this.upgradeTimeout = upgradeTimeout;
    }

    public DataSize getMaxQueuedSize() {
      return maxQueuedSize;
    }

    public void setMaxQueuedSize(DataSize maxQueuedSize) {
      this.maxQueuedSize = maxQueuedSize;
    }
  }

  /**
   * Clustering through Redis: set uri (and add signaling-cluster-redis) and several application
   * instances share rooms.
   */
  public static class Redis {
    /** Where Redis is, e.g. redis://redis.internal:6379; unset means rooms stay in memory. */
    private String uri;

    /** Prefix of every key and stream, so several applications can share one Redis. */
    private String keyPrefix = "signaling:";

    /** This node's id, unique among the nodes sharing the prefix; random when unset. */
    private String nodeId;

    /** How often the node renews its liveness and looks for dead nodes. */
    private Duration heartbeatInterval = Duration.ofSeconds(2);

    /** How long after its last heartbeat a node is considered dead. */
    private Duration nodeTimeout = Duration.ofSeconds(6);

    /** How long one Redis command may take before it fails. */
    private Duration commandTimeout = Duration.ofSeconds(2);

    public String getUri() {
      return uri;
    }

    public void setUri(String uri) {
      this.uri = uri;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public String getNodeId() {
      return nodeId;
    }

    public void setNodeId(String nodeId) {
      this.nodeId = nodeId;
    }

    public Duration getHeartbeatInterval() {
      return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getNodeTimeout() {
      return nodeTimeout;
    }

    public void setNodeTimeout(Duration nodeTimeout) {
      this.nodeTimeout = nodeTimeout;
    }

    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }
  }
}
