package dev.signaling.cluster.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.cluster.redis.internal.RedisScripts.Script;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.SessionEndRequest;
import dev.signaling.core.cluster.SessionEndResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session-end requests between nodes (docs/CLUSTER.md, "Resume"). A request goes, through the
 * {@code end_session} script, to the inbox of every other live node (field {@code end}); each
 * node answers through {@code answer_end} into the asker's inbox (field {@code ended}): the
 * holder once it has ended the session (after the leave and the {@code bye}s it caused, sent on
 * the same connection before the answer), the others {@code NOT_FOUND} at once. A request
 * completes with the first answer other than {@code NOT_FOUND}; with {@code NOT_FOUND} once every
 * node asked said so, when no other node is alive, when Redis cannot be reached, or when the
 * timeout passes. Messages carry the token's digest, never the token.
 *
 * <p>Threading: {@link #request} from any thread; {@link #onRequest} and {@link #onAnswer} from
 * the inbox reader. Futures are completed outside any lock.
 */
public final class SessionEnds {
  private static final Logger log = LoggerFactory.getLogger(SessionEnds.class);

  private final RedisScripts scripts;
  private final String nodeId;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

  /** @param scheduler where the timeouts run (the backend's own threads) */
  public SessionEnds(RedisScripts scripts, String nodeId, Duration timeout, ScheduledExecutorService scheduler) {
    this.scripts = scripts;
    this.nodeId = nodeId;
    this.timeout = timeout;
    this.scheduler = scheduler;
  }

  /** Asks every other live node to end the session; see the class comment for the answer. */
  public CompletionStage<SessionEndResult> request(SessionEndRequest request) {
    String id = nodeId + ":" + ids.incrementAndGet();
    Pending waiting = new Pending();
    pending.put(id, waiting);
    CompletableFuture<SessionEndResult> answer = waiting.result.whenComplete((result, failure) -> pending.remove(id));
    try {
      ScheduledFuture<?> timer = scheduler.schedule(() -> waiting.result.complete(SessionEndResult.NOT_FOUND),
          timeout.toNanos(), TimeUnit.NANOSECONDS);
      answer.whenComplete((result, failure) -> timer.cancel(false));
    } catch (RejectedExecutionException e) {
      waiting.result.complete(SessionEndResult.NOT_FOUND); // the backend is closing
      return answer;
    }
    ObjectNode message = json.createObjectNode()
        .put("id", id)
        .put("from", nodeId)
        .put("digest", request.tokenDigest());
    if (request.subject() != null) {
      message.put("subject", request.subject());
    }
    scripts.<Long>run(Script.END_SESSION, List.of(message.toString())).whenComplete((asked, failure) -> {
      if (failure != null) {
        log.debug("Session end request {} not sent: {}", id, failure.toString());
        waiting.result.complete(SessionEndResult.NOT_FOUND);
      } else {
        waiting.expect(asked.intValue());
      }
    });
    return answer;
  }

  /** Another node's request: ends the session if it is held here, then answers. */
  public void onRequest(String message, LocalPeers local) {
    JsonNode request = parse(message);
    String id = request.path("id").asText(null);
    String from = request.path("from").asText(null);
    if (id == null || from == null) {
      throw new IllegalArgumentException("session end request lacks id or sender");
    }
    JsonNode subject = request.get("subject");
    CompletionStage<SessionEndResult> result;
    try {
      result = local.endSession(new SessionEndRequest(request.path("digest").asText(""),
          subject == null || !subject.isTextual() ? null : subject.textValue()));
    } catch (RuntimeException e) {
      log.debug("Session end request {} not handled: {}", id, e.toString());
      result = CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
    }
    result.whenComplete((ended, failure) -> {
      SessionEndResult answer = failure == null && ended != null ? ended : SessionEndResult.NOT_FOUND;
      String reply = json.createObjectNode().put("id", id).put("result", answer.name()).toString();
      scripts.run(Script.ANSWER_END, List.of(from, reply)).whenComplete((sent, error) -> {
        if (error != null) {
          log.debug("Answer to session end request {} not sent: {}", id, error.toString());
        }
      });
    });
  }

  /** A node's answer to one of this node's requests; one that comes too late is ignored. */
  public void onAnswer(String message) {
    JsonNode answer = parse(message);
    Pending waiting = pending.get(answer.path("id").asText(""));
    if (waiting != null) {
      waiting.answer(SessionEndResult.valueOf(answer.path("result").asText()));
    }
  }

  private JsonNode parse(String message) {
    try {
      return json.readTree(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("session end message is not JSON", e);
    }
  }

  /** One request waiting: how many nodes were asked (once known), how many said not found. */
  private static final class Pending {
    final CompletableFuture<SessionEndResult> result = new CompletableFuture<>();
    private int asked = -1;
    private int notFound;

    void expect(int nodes) {
      boolean allAnswered;
      synchronized (this) {
        asked = nodes;
        allAnswered = notFound >= asked;
      }
      if (allAnswered) {
        result.complete(SessionEndResult.NOT_FOUND);
      }
    }

    void answer(SessionEndResult answer) {
      if (answer != SessionEndResult.NOT_FOUND) {
        result.complete(answer);
        return;
      }
      boolean allAnswered;
      synchronized (this) {
        notFound++;
        allAnswered = asked >= 0 && notFound >= asked;
      }
      if (allAnswered) {
        result.complete(SessionEndResult.NOT_FOUND);
      }
    }
  }
}
