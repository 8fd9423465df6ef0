package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.ice.IceConfiguration;
import dev.signaling.core.ice.TurnRestIceServers;
import dev.signaling.core.protocol.NativeCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IceServersEventTest {
  private final MutableClock clock = new MutableClock();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final TurnRestIceServers turn = TurnRestIceServers.builder()
      .turnUrls(List.of("turn:127.0.0.1:3478?transport=udp"))
      .secret("s3cret")
      .otherServers(List.of(IceServer.of("stun:127.0.0.1:3478")))
      .clock(clock)
      .build();
  private SignalingEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private SignalingEngine engineWith(dev.signaling.core.ice.IceServerProvider provider) {
    engine = SignalingEngine.builder().iceServerProvider(provider).scheduler(scheduler).clock(clock).build();
    return engine;
  }

  @Test
  void aConnectionGetsItsIceServersFirstWithCredentialsForItsPeerId() {
    RecordingSink sink = RecordingSink.connect(engineWith(turn));

    assertEquals(List.of("ice-servers"), sink.names());
    IceConfiguration sent = sink.eventsOf(ServerEvent.IceServers.class).get(0).configuration();
    IceServer credentials = sent.iceServers().get(1);
    Instant expiry = Instant.ofEpochSecond(clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
    assertEquals(expiry.getEpochSecond() + ":" + sink.peer.id(), credentials.username());
    assertEquals(turn.issue(sink.peer.id()).iceServers().get(1).credential(), credentials.credential());
  }

  @Test
  void theServersAreSentAgainWhenThreeQuartersOfTheirValidityHavePassed() {
    RecordingSink sink = RecordingSink.connect(engineWith(turn));
    Instant firstExpiry = sink.eventsOf(ServerEvent.IceServers.class).get(0).configuration().expiry();

    List<ManualScheduler.Task> pending = scheduler.pending();
    assertEquals(1, pending.size());
    Duration untilExpiry = Duration.between(clock.instant(), firstExpiry);
    assertEquals(untilExpiry.multipliedBy(3).dividedBy(4), pending.get(0).delay);
    clock.advanceMillis(pending.get(0).delay.toMillis());
    scheduler.runNext();

    List<ServerEvent.IceServers> sent = sink.eventsOf(ServerEvent.IceServers.class);
    assertEquals(2, sent.size());
    Instant secondExpiry = sent.get(1).configuration().expiry();
    assertTrue(secondExpiry.isAfter(firstExpiry), secondExpiry + " after " + firstExpiry);
    assertEquals(1, scheduler.pending().size(), "the next refresh is scheduled");
  }

  @Test
  void aClosedConnectionsRefreshIsCancelled() {
    RecordingSink sink = RecordingSink.connect(engineWith(turn));
    assertEquals(1, scheduler.pending().size());

    sink.peer.disconnected();

    assertEquals(List.of(), scheduler.pending());
  }

  @Test
  void aFailingProviderIsAskedAgainLater() {
    AtomicInteger calls = new AtomicInteger();
    RecordingSink sink = RecordingSink.connect(engineWith(userId -> calls.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new IllegalStateException("TURN API down"))
        : turn.iceServers(userId)));

    assertEquals(List.of(), sink.names());
    assertEquals(Duration.ofSeconds(30), scheduler.pending().get(0).delay);
    scheduler.runNext();

    assertEquals(List.of("ice-servers"), sink.names());
    assertEquals(2, calls.get());
  }

  @Test
  void withoutAProviderNoIceServersEventIsSentAndTheConfigsServersAreAnswered() {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().iceServers(List.of(IceServer.of("stun:127.0.0.1:3478"))).build())
        .build();
    RecordingSink sink = RecordingSink.connect(engine);

    assertEquals(List.of(), sink.names());
    IceConfiguration answer = engine.iceServers("anyone").toCompletableFuture().join();
    assertEquals(List.of(IceServer.of("stun:127.0.0.1:3478")), answer.iceServers());
    assertTrue(answer.expiresAt().isEmpty());
  }

  /** Admits the token "alice-token" as subject alice, refuses anything else. */
  private static final Authenticator TOKENS = handshake -> handshake.credential().filter("alice-token"::equals).isPresent()
      ? CompletableFuture.completedStage(Identity.builder("alice").build())
      : Authenticator.refuse("unknown token");

  private static Handshake token(String token) {
    return Handshake.builder().rawQuery("token=" + token).build();
  }

  @Test
  void withAuthenticationTheTurnUserIsTheSubjectAndARefusedConnectionGetsNoIceServers() {
    engine = SignalingEngine.builder().authenticator(TOKENS).iceServerProvider(turn).scheduler(scheduler).clock(clock).build();

    RecordingSink alice = RecordingSink.connect(engine, token("alice-token"));
    RecordingSink mallory = RecordingSink.connect(engine, token("mallory-token"));

    String username = alice.eventsOf(ServerEvent.IceServers.class).get(0).configuration().iceServers().get(1).username();
    assertTrue(username.endsWith(":alice"), username);
    assertEquals(List.of(), mallory.eventsOf(ServerEvent.IceServers.class));
    assertEquals(1, scheduler.pending().size(), "a refresh for alice only");
  }

  @Test
  void anHttpRequestIsAuthenticatedLikeAConnection() {
    engine = SignalingEngine.builder().authenticator(TOKENS).build();

    assertEquals("alice", engine.authenticate(token("alice-token")).toCompletableFuture().join().subject().orElseThrow());
    CompletionException refused = assertThrows(CompletionException.class,
        () -> engine.authenticate(token("mallory-token")).toCompletableFuture().join());
    assertEquals(ErrorCode.UNAUTHORIZED, ((SignalingException) refused.getCause()).code());
    assertThrows(CompletionException.class, () -> engine.authenticate(Handshake.empty()).toCompletableFuture().join());

    SignalingEngine broken = SignalingEngine.builder().authenticator(handshake -> {
      throw new IllegalStateException("bug");
    }).build();
    CompletionException failed = assertThrows(CompletionException.class,
        () -> broken.authenticate(token("alice-token")).toCompletableFuture().join());
    assertEquals(ErrorCode.UNAUTHORIZED, ((SignalingException) failed.getCause()).code());
    broken.close();

    SignalingEngine open = SignalingEngine.create();
    assertTrue(open.authenticate(Handshake.empty()).toCompletableFuture().join().isAnonymous());
    open.close();
  }

  @Test
  void iceServersIsABuiltInEventName() {
    assertTrue(SignalingEngine.BUILT_IN_EVENTS.contains("ice-servers"));
    assertThrows(IllegalArgumentException.class, () -> SignalingEngine.builder().on("ice-servers", (peer, args, ack) -> { }));
  }

  @Test
  void theNativeCodecSendsTheRtcConfigurationAsTheOneArgument() {
    IceConfiguration configuration = new IceConfiguration(
        List.of(IceServer.of("stun:127.0.0.1:3478"), new IceServer(List.of("turn:127.0.0.1:3478"), "1:u", "p=")),
        Instant.ofEpochSecond(1));

    assertEquals("{\"event\":\"ice-servers\",\"args\":[{\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"]},"
        + "{\"urls\":[\"turn:127.0.0.1:3478\"],\"username\":\"1:u\",\"credential\":\"p=\"}]}]}",
        new NativeCodec().encode(new ServerEvent.IceServers(configuration)));
  }
}
