package dev.signaling.examples;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal TURN client over UDP (RFC 8656 Allocate with the long-term credential mechanism of
 * RFC 8489), enough to ask a real TURN server for a relay with given credentials and read the
 * answer: the relayed address, or the error code. Closing it releases its allocation (a Refresh
 * with lifetime 0), as a browser does: an allocation left behind stays bound to this client's
 * address and port for its lifetime, and a later client the system gives the same port would be
 * answered 437 (allocation mismatch).
 */
public final class TurnClient implements AutoCloseable {
  private static final int MAGIC_COOKIE = 0x2112A442;
  private static final int BINDING_REQUEST = 0x0001;
  private static final int ALLOCATE_REQUEST = 0x0003;
  private static final int REFRESH_REQUEST = 0x0004;
  private static final int LIFETIME = 0x000D;
  private static final int SUCCESS_CLASS = 0x0100;
  private static final int ERROR_CLASS = 0x0110;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int XOR_RELAYED_ADDRESS = 0x0016;
  private static final int REQUESTED_TRANSPORT = 0x0019;
  private static final int UDP = 17;

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final SecureRandom random = new SecureRandom();
  /** How the allocation this client holds was signed, to release it on close; null when it holds none. */
  private Signature allocated;

  /** The credentials an authenticated request carries. */
  private record Signature(String username, byte[] realm, byte[] nonce, byte[] key) {
    void sign(Message request) {
      request.attribute(USERNAME, username.getBytes(StandardCharsets.UTF_8));
      request.attribute(REALM, realm);
      request.attribute(NONCE, nonce);
      request.sign(key);
    }
  }

  /** What the server answered to an Allocate: a relayed address, or an error code. */
  public record Allocation(int errorCode, InetSocketAddress relayed) {
    public boolean succeeded() {
      return errorCode == 0;
    }
  }

  public TurnClient(InetSocketAddress server) throws IOException {
    this(server, 0);
  }

  /** A client on the given local port (0: any free one). */
  TurnClient(InetSocketAddress server, int localPort) throws IOException {
    this.server = server;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(server.getHostString()), localPort));
    this.socket.setSoTimeout(1_000);
  }

  /** The local UDP port this client sends from. */
  int localPort() {
    return socket.getLocalPort();
  }

  /** Whether the server answers a STUN Binding request within {@code wait} (it has started). */
  public boolean answersBinding(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (exchange(new Message(BINDING_REQUEST, transactionId())) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Asks for a UDP relay: an unauthenticated Allocate (the server answers 401 with its realm and
   * a nonce), then one signed with {@code username} and {@code password}.
   */
  public Allocation allocate(String username, String password) throws IOException {
    Message first = new Message(ALLOCATE_REQUEST, transactionId());
    first.attribute(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
    Response challenge = require(exchange(first));
    if (challenge.errorCode() != 401 || challenge.attribute(REALM) == null || challenge.attribute(NONCE) == null) {
      throw new IOException("expected a 401 challenge with realm and nonce, got error " + challenge.errorCode());
    }
    String realm = new String(challenge.attribute(REALM), StandardCharsets.UTF_8);
    Signature signature = new Signature(username, challenge.attribute(REALM), challenge.attribute(NONCE),
        longTermKey(username, realm, password));
    Message signed = new Message(ALLOCATE_REQUEST, transactionId());
    signed.attribute(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
    signature.sign(signed);
    Response answer = require(exchange(signed));
    if (answer.errorCode() != 0) {
      return new Allocation(answer.errorCode(), null);
    }
    allocated = signature;
    byte[] relayed = answer.attribute(XOR_RELAYED_ADDRESS);
    if (relayed == null) {
      throw new IOException("Allocate succeeded without XOR-RELAYED-ADDRESS");
    }
    return new Allocation(0, xorAddress(relayed));
  }

  private static Response require(Response response) throws IOException {
    if (response == null) {
      throw new IOException("the TURN server did not answer within 3 tries");
    }
    return response;
  }

  /** Sends {@code request} (up to 3 times, 1 s apart) and returns the answer with its transaction id. */
  private Response exchange(Message request) throws IOException {
    return exchange(request, 3);
  }

  private Response exchange(Message request, int attempts) throws IOException {
    byte[] bytes = request.encode();
    byte[] buffer = new byte[2048];
    for (int attempt = 0; attempt < attempts; attempt++) {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < deadline) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          break;
        }
        Response response = Response.parse(Arrays.copyOf(packet.getData(), packet.getLength()));
        if (response != null && Arrays.equals(response.transactionId, request.transactionId)) {
          return response;
        }
      }
    }
    return null;
  }

  private byte[] transactionId() {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return id;
  }

  /** RFC 8489 section 9.2.2: MD5(username ":" realm ":" password). */
  private static byte[] longTermKey(String username, String realm, String password) {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private InetSocketAddress xorAddress(byte[] value) throws IOException {
    int port = ((value[2] & 0xff) << 8 | (value[3] & 0xff)) ^ (MAGIC_COOKIE >>> 16);
    if (value[1] != 0x01) {
      throw new IOException("only IPv4 relays are expected here, family " + value[1]);
    }
    byte[] address = new byte[4];
    ByteBuffer cookie = ByteBuffer.allocate(4).putInt(MAGIC_COOKIE);
    for (int i = 0; i < 4; i++) {
      address[i] = (byte) (value[4 + i] ^ cookie.get(i));
    }
    return new InetSocketAddress(InetAddress.getByAddress(address), port);
  }

  /**
   * Releases the allocation this client holds, if any (RFC 8656 section 7: a Refresh with
   * lifetime 0), and closes the socket. Best effort: one try of 1 s; a stale nonce (438) or no
   * answer leaves the allocation to expire.
   */
  @Override
  public void close() {
    try {
      if (allocated != null) {
        Message release = new Message(REFRESH_REQUEST, transactionId());
        release.attribute(LIFETIME, new byte[] {0, 0, 0, 0});
        allocated.sign(release);
        allocated = null;
        exchange(release, 1);
      }
    } catch (IOException e) {
      // the allocation expires by itself
    } finally {
      socket.close();
    }
  }

  /** A STUN request being built. */
  private static final class Message {
    final int type;
    final byte[] transactionId;
    private ByteBuffer attributes = ByteBuffer.allocate(1024);

    Message(int type, byte[] transactionId) {
      this.type = type;
      this.transactionId = transactionId;
    }

    void attribute(int attributeType, byte[] value) {
      attributes.putShort((short) attributeType).putShort((short) value.length).put(value);
      while (attributes.position() % 4 != 0) {
        attributes.put((byte) 0);
      }
    }

    /** Appends MESSAGE-INTEGRITY: HMAC-SHA1 over the message so far, its length counting the attribute. */
    void sign(byte[] key) {
      byte[] header = header(attributes.position() + 24);
      byte[] body = Arrays.copyOf(attributes.array(), attributes.position());
      try {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        mac.update(header);
        attribute(MESSAGE_INTEGRITY, mac.doFinal(body));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] encode() {
      byte[] header = header(attributes.position());
      return ByteBuffer.allocate(20 + attributes.position())
          .put(header).put(attributes.array(), 0, attributes.position()).array();
    }

    private byte[] header(int length) {
      return ByteBuffer.allocate(20).putShort((short) type).putShort((short) length)
          .putInt(MAGIC_COOKIE).put(transactionId).array();
    }
  }

  /** A STUN response: its class, transaction id and attributes. */
  private record Response(int type, byte[] transactionId, java.util.Map<Integer, byte[]> attributes) {
    static Response parse(byte[] bytes) {
      if (bytes.length < 20) {
        return null;
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int type = in.getShort() & 0xffff;
      int length = in.getShort() & 0xffff;
      if (in.getInt() != MAGIC_COOKIE || length + 20 > bytes.length) {
        return null;
      }
      byte[] id = new byte[12];
      in.get(id);
      java.util.Map<Integer, byte[]> attributes = new java.util.HashMap<>();
      while (in.position() + 4 <= 20 + length) {
        int attributeType = in.getShort() & 0xffff;
        int attributeLength = in.getShort() & 0xffff;
        byte[] value = new byte[attributeLength];
        in.get(value);
        attributes.putIfAbsent(attributeType, value);
        in.position(in.position() + (4 - attributeLength % 4) % 4);
      }
      return new Response(type, id, attributes);
    }

    byte[] attribute(int attributeType) {
      return attributes.get(attributeType);
    }

    /** 0 for a success response, else the ERROR-CODE's number (401, 438...). */
    int errorCode() {
      if ((type & 0x0110) == SUCCESS_CLASS) {
        return 0;
      }
      byte[] error = attributes.get(ERROR_CODE);
      if ((type & 0x0110) != ERROR_CLASS || error == null || error.length < 4) {
        return -1;
      }
      return (error[2] & 0x07) * 100 + (error[3] & 0xff);
    }
  }
}
