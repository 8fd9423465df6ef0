package dev.signaling.cluster.redis;

import dev.signaling.core.SignalingEngine;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real redis-server for a test class and a fresh {@link TestCluster} on it for each test (its
 * own key prefix), closed after the test; register it as a static field with {@code
 * @RegisterExtension}.
 */
final class ClusterPerTest implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final int nodes;
  private final Consumer<SignalingEngine.Builder> engines;
  private RedisServerProcess redis;
  private TestCluster cluster;

  /** {@code nodes} engines configured as {@link TestCluster#TestCluster(RedisServerProcess, int)} does. */
  ClusterPerTest(int nodes) {
    this(nodes, TestCluster.UNLIMITED);
  }

  /** {@code nodes} engines, each builder set up by {@code engines} before its backend is added. */
  ClusterPerTest(int nodes, Consumer<SignalingEngine.Builder> engines) {
    this.nodes = nodes;
    this.engines = engines;
  }

  /** The class's redis-server, for a test that makes a cluster of its own. */
  RedisServerProcess redis() {
    return redis;
  }

  /** This test's cluster. */
  TestCluster get() {
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    redis = RedisServerProcess.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster = new TestCluster(redis, nodes, engines);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    cluster.close();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    redis.close();
  }
}
