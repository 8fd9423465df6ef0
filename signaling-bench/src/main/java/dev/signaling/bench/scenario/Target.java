package dev.signaling.bench.scenario;

import dev.signaling.bench.client.Connector;
import dev.signaling.bench.client.Dialect;
import dev.signaling.bench.metrics.ProcStat;
import dev.signaling.bench.metrics.ServerStats;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The server under test and how to reach it: loopback host and port, wire protocol, generator
 * threads and source addresses, and optionally the server's local PID (for CPU and memory).
 */
public record Target(String host, int port, String protocol, int threads, int sourceAddresses,
    long serverPid, boolean statsEndpoint, boolean progress, List<Integer> otherPorts) {

  public Target(String host, int port, String protocol, int threads, int sourceAddresses,
      long serverPid, boolean statsEndpoint, boolean progress) {
    this(host, port, protocol, threads, sourceAddresses, serverPid, statsEndpoint, progress, List.of());
  }

  public Target {
    otherPorts = List.copyOf(otherPorts);
  }

  /** Connections alternate over {@code port} and {@code otherPorts} (cluster nodes). */
  public Connector connector() {
    List<Integer> ports = new ArrayList<>();
    ports.add(port);
    ports.addAll(otherPorts);
    return new Connector(host, ports, Dialect.named(protocol), threads, sourceAddresses);
  }

  public ServerStats stats() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return new ServerStats(URI.create("http://" + h + ":" + port + "/"));
  }

  public boolean hasPid() {
    return serverPid > 0;
  }

  public long serverCpuNanos() {
    return hasPid() ? ProcStat.cpuNanos(serverPid) : -1;
  }

  public long serverRss() {
    return hasPid() ? ProcStat.rssBytes(serverPid) : -1;
  }

  void describe(Result result) {
    result.put("server", host + ":" + port + (otherPorts.isEmpty() ? "" : " and ports " + otherPorts));
    result.put("protocol", protocol);
    result.put("serverPid", serverPid);
    result.put("generatorThreads", threads);
    result.put("sourceAddresses", sourceAddresses);
  }
}
