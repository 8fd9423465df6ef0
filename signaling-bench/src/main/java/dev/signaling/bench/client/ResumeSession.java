package dev.signaling.bench.client;

import java.util.ArrayDeque;

/**
 * The client half of the native protocol's resume (docs/PROTOCOL.md, "Resume") for one logical
 * connection that outlives its TCP connections: remembers the {@code welcome} token and the last
 * server {@code seq}, numbers every event it sends ({@code "seq"}, with {@code "ack"}) and keeps
 * it until the server's {@code "ack"} covers it, and after a {@code resumed} re-sends what the
 * server had not processed, in order. Frames arriving on a connection it no longer uses (after a
 * cut) are dropped: the server replays them. Only touched on its connections' event loop.
 */
public final class ResumeSession {
  private static final String SEQ = ",\"seq\":";
  private static final String ACK = ",\"ack\":";

  private record Pending(long seq, String frame) { }

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private String token;
  private long lastServerSeq;
  private long nextClientSeq;
  /** The connection events go out on; null while cut or resuming. */
  private BenchClient live;
  /** The connection a resume is under way on. */
  private BenchClient resuming;
  /** Scenario state, given to every connection of this session. */
  public Object owner;
  public int sinceCut;
  public int cutAt;
  /** Resume attempts since the last success. */
  public int attempts;
  private int cuts;
  private int resumes;

  ResumeSession(BenchClient first) {
    this.live = first;
  }

  /** Numbers and sends (or, while cut, keeps for the resume) one event. */
  void send(String event, String argsJson) {
    long seq = ++nextClientSeq;
    String frame = "{\"event\":\"" + event + "\",\"args\":[" + argsJson + "]" + SEQ + seq + ACK + lastServerSeq + "}";
    pending.addLast(new Pending(seq, frame));
    if (live != null) {
      live.sendRaw(frame);
    }
  }

  /** Whether frames from {@code client} still count (its current or resuming connection). */
  boolean accepts(BenchClient client) {
    return client == live || client == resuming;
  }

  /** Reads the trailing {@code seq}/{@code ack} of a server frame on the live connection. */
  void onFrame(BenchClient client, String text) {
    if (client != live) {
      return;
    }
    int at = text.lastIndexOf(SEQ);
    if (at < 0) {
      return;
    }
    long seq = number(text, at + SEQ.length());
    if (seq > lastServerSeq) {
      lastServerSeq = seq;
    }
    int ack = text.indexOf(ACK, at);
    if (ack > 0) {
      trim(number(text, ack + ACK.length()));
    }
  }

  void welcome(String resumeToken) {
    if (token == null) {
      token = resumeToken;
    }
    // A later welcome follows a refused resume: a new session, which the scenario reports.
  }

  /** The server took the resume: re-send what it had not processed, then go on on {@code client}. */
  void resumed(BenchClient client, long lastClientSeqProcessed) {
    trim(lastClientSeqProcessed);
    resuming = null;
    live = client;
    resumes++;
    attempts = 0;
    for (Pending p : pending) {
      client.sendRaw(p.frame());
    }
  }

  /** Cuts the live connection abruptly (TCP close, no WebSocket close frame). */
  public void cut() {
    BenchClient c = live;
    live = null;
    cuts++;
    sinceCut = 0;
    if (c != null) {
      c.cut();
    }
  }

  /** The live connection broke by itself. */
  public void lost(BenchClient client) {
    if (client == live) {
      live = null;
    }
    if (client == resuming) {
      resuming = null;
    }
  }

  public boolean attached() {
    return live != null;
  }

  public boolean resumingUnderWay() {
    return resuming != null;
  }

  public boolean canResume() {
    return token != null;
  }

  /** The query of a resuming handshake. */
  String resumeQuery() {
    return "?resume=" + token + "&seq=" + lastServerSeq;
  }

  void resumingOn(BenchClient client) {
    resuming = client;
  }

  public int cuts() {
    return cuts;
  }

  public int resumes() {
    return resumes;
  }

  private void trim(long upTo) {
    while (!pending.isEmpty() && pending.peekFirst().seq() <= upTo) {
      pending.removeFirst();
    }
  }

  private static long number(String text, int from) {
    long value = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
