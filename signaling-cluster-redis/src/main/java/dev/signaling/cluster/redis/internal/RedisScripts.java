package dev.signaling.cluster.redis.internal;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Lua scripts that own room state in Redis, each run as one atomic step. They are sent whole
 * with EVAL rather than EVALSHA: a Redis that restarted has forgotten loaded scripts, and
 * retrying a NOSCRIPT failure would reorder deliveries that must stay in order.
 */
public final class RedisScripts {

  /** Each script and the shape of its reply. */
  public enum Script {
    JOIN("join.lua", ScriptOutputType.MULTI),
    LEAVE("leave.lua", ScriptOutputType.MULTI),
    DELIVER("deliver.lua", ScriptOutputType.INTEGER),
    HEARTBEAT("heartbeat.lua", ScriptOutputType.MULTI),
    REAP("reap.lua", ScriptOutputType.MULTI),
    RECONCILE("reconcile.lua", ScriptOutputType.MULTI),
    DEREGISTER("deregister.lua", ScriptOutputType.INTEGER),
    END_SESSION("end_session.lua", ScriptOutputType.INTEGER),
    ANSWER_END("answer_end.lua", ScriptOutputType.INTEGER);

    private final String file;
    private final ScriptOutputType output;

    Script(String file, ScriptOutputType output) {
      this.file = file;
      this.output = output;
    }
  }

  private static final String[] NO_KEYS = new String[0];

  private final Map<Script, String> sources = new EnumMap<>(Script.class);
  private final RedisAsyncCommands<String, String> commands;
  private final String keyPrefix;
  private final String nodeId;

  public RedisScripts(RedisAsyncCommands<String, String> commands, String keyPrefix, String nodeId) {
    this.commands = commands;
    this.keyPrefix = keyPrefix;
    this.nodeId = nodeId;
    String common = load("common.lua");
    for (Script script : Script.values()) {
      sources.put(script, common + "\n" + load(script.file));
    }
  }

  /**
   * Sends {@code script} with {@code args} after the prefix and node id. Returns at once; the
   * commands of one thread reach Redis in the order they were sent.
   */
  public <T> CompletableFuture<T> run(Script script, List<String> args) {
    List<String> values = new ArrayList<>(args.size() + 2);
    values.add(keyPrefix);
    values.add(nodeId);
    values.addAll(args);
    try {
      return commands.<T>eval(sources.get(script), script.output, NO_KEYS,
          values.toArray(String[]::new)).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String load(String file) {
    try (InputStream in = RedisScripts.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + file, e);
    }
  }
}
