package dev.signaling.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SignalingObserver} that records each call as a line, e.g. {@code join created 5ms}. */
public final class RecordingObserver implements SignalingObserver {
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public volatile SignalingEngine boundTo;

  @Override
  public void bound(SignalingEngine engine) {
    boundTo = engine;
  }

  @Override
  public void connectionOpened(Connection connection) {
    calls.add("open " + connection.protocol().tag() + "/" + connection.transport().tag());
  }

  @Override
  public void connectionUpgraded(Connection connection, TransportKind from) {
    calls.add("upgrade " + from.tag() + "->" + connection.transport().tag());
  }

  @Override
  public void connectionClosed(Connection connection, int closeCode, String reason) {
    calls.add("close " + connection.protocol().tag() + "/" + connection.transport().tag() + " " + closeCode);
  }

  @Override
  public void connectionRefused(WireProtocol protocol, TransportKind transport, int code) {
    calls.add("refused " + protocol.tag() + "/" + transport.tag() + " " + code);
  }

  @Override
  public void joinCompleted(JoinOutcome outcome, Duration latency) {
    calls.add("join " + outcome.tag() + " " + latency.toMillis() + "ms");
  }

  @Override
  public void messageRelayed(long payloadBytes) {
    calls.add("relay " + payloadBytes);
  }

  @Override
  public void errorSent(Peer peer, ErrorCode code) {
    calls.add("error " + code.wireCode());
  }

  @Override
  public void backendCall(String operation, Duration duration, boolean failed) {
    calls.add("backend " + operation + (failed ? " failed" : ""));
  }

  @Override
  public void resumeCompleted(ResumeOutcome outcome) {
    calls.add("resume " + outcome.tag());
  }

  @Override
  public void drainStarted() {
    calls.add("drain");
  }

  /** The calls that start with {@code prefix}. */
  public List<String> callsStartingWith(String prefix) {
    return calls.stream().filter(call -> call.startsWith(prefix)).toList();
  }
}
