package dev.signaling.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SessionNotice;
import dev.signaling.core.SignalingException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The native wire protocol (docs/PROTOCOL.md): each text frame is one JSON object {@code
 * {"event": <string>, "args": <array>}}, optionally with {@code "id": <integer>} on a client
 * event that asks for an acknowledgement. Thread-safe and stateless.
 */
public final class NativeCodec {
  /** Deepest JSON nesting accepted in a frame; signaling payloads are shallow. */
  public static final int MAX_NESTING_DEPTH = RawJson.MAX_NESTING_DEPTH;

  private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

  private final ObjectMapper mapper;
  private final JsonFactory factory;

  public NativeCodec() {
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
        .build();
    this.mapper = new ObjectMapper(factory);
  }

  /**
   * Decodes one frame, in one streaming pass: no JSON tree is built for the built-in events, and a
   * {@code message} payload is captured as the exact text the client sent ({@link RawJson}).
   * Fields may come in any order; unknown fields are skipped (but must be valid JSON).
   *
   * @param replies where an acknowledgement of this event is sent, if the client asked for one
   * @throws SignalingException with {@link ErrorCode#INVALID_JSON} or {@link
   *     ErrorCode#INVALID_EVENT} when the frame is not a valid event
   */
  public ClientEvent decode(String frame, Consumer<ServerEvent> replies) {
    return decode(read(frame), replies);
  }

  /**
   * As {@link #decode(String, Consumer)}, for a frame given as its UTF-8 bytes, parsed as bytes:
   * no {@code String} is made of the frame, and a {@code message} payload keeps a slice of {@code
   * utf8} ({@link RawJson}). The array is handed over: the caller must not change it afterwards.
   *
   * @throws SignalingException as {@link #decode(String, Consumer)}; {@link ErrorCode#INVALID_JSON}
   *     with a {@link CharConversionException} as its cause when the bytes are not well-formed UTF-8
   */
  public ClientEvent decode(byte[] utf8, Consumer<ServerEvent> replies) {
    return decode(read(utf8), replies);
  }

  /**
   * A decoded client frame with the resume fields it carried: {@code seq}, the client's number
   * for this event, and {@code ack}, the last server event seq the client confirms having
   * received; each 0 when absent.
   */
  public record Decoded(ClientEvent event, long seq, long ack) {}

  /**
   * As {@link #decode(String, Consumer)}, and reads the frame's {@code "seq"} and {@code "ack"}
   * (non-negative integers; anything else is {@link ErrorCode#INVALID_EVENT}).
   */
  public Decoded decodeNumbered(String frame, Consumer<ServerEvent> replies) {
    return numbered(read(frame), replies);
  }

  /** As {@link #decodeNumbered(String, Consumer)}, from UTF-8 bytes as {@link #decode(byte[], Consumer)}. */
  public Decoded decodeNumbered(byte[] utf8, Consumer<ServerEvent> replies) {
    return numbered(read(utf8), replies);
  }

  private Decoded numbered(Frame fields, Consumer<ServerEvent> replies) {
    ClientEvent event = decode(fields, replies);
    if (fields.seqInvalid) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'seq' must be a non-negative integer");
    }
    if (fields.ackInvalid) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'ack' must be a non-negative integer");
    }
    return new Decoded(event, fields.seq, fields.ack);
  }

  private ClientEvent decode(Frame fields, Consumer<ServerEvent> replies) {
    if (!fields.isObject) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "frame must be a JSON object");
    }
    String event = fields.event;
    if (event == null) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'event' must be a string");
    }
    if (fields.argsNotArray) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'args' must be an array");
    }
    List<RawJson> args = fields.args;
    return switch (event) {
      case "create or join" -> new ClientEvent.CreateOrJoin(stringArg(event, args, 0, "room"));
      case "bye" -> new ClientEvent.Bye(stringArg(event, args, 0, "room"));
      case "message" -> {
        if (args.isEmpty()) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' needs a payload argument");
        }
        RawJson target = args.size() > 1 ? args.get(1) : null;
        if (target != null && !target.isNull() && !target.isString()) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' target peer id must be a string");
        }
        yield new ClientEvent.Message(args.get(0), target == null || target.isNull() ? null : target.stringValue());
      }
      case "ipaddr" -> new ClientEvent.IpAddr();
      default -> {
        if (fields.idNotInteger) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'id' must be an integer");
        }
        List<JsonNode> values = new ArrayList<>(args.size());
        for (RawJson arg : args) {
          values.add(arg.toJsonNode());
        }
        Long id = fields.id;
        yield new ClientEvent.Custom(event, values,
            id == null ? null : reply -> replies.accept(new ServerEvent.AckReply(id, reply)));
      }
    };
  }

  /** What one pass over a frame found; interpreted only after the whole frame proved to be JSON. */
  private static final class Frame {
    boolean isObject;
    String event;
    List<RawJson> args = List.of();
    boolean argsNotArray;
    Long id;
    boolean idNotInteger;
    long seq;
    boolean seqInvalid;
    long ack;
    boolean ackInvalid;
  }

  private static Frame read(String frame) {
    try (RawJson.Reader reader = RawJson.reader(frame, MAX_NESTING_DEPTH)) {
      return read(reader);
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String cannot fail to be read
    }
  }

  private static Frame read(byte[] frame) {
    try (RawJson.Reader reader = RawJson.reader(frame, 0, frame.length, MAX_NESTING_DEPTH)) {
      return read(reader);
    } catch (CharConversionException e) {
      throw new SignalingException(ErrorCode.INVALID_JSON, "frame is " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an array cannot fail to be read
    }
  }

  private static SignalingException invalidJson(JsonProcessingException e) {
    return new SignalingException(ErrorCode.INVALID_JSON, "frame is not valid JSON: " + e.getOriginalMessage());
  }

  private static Frame read(RawJson.Reader reader) throws IOException {
    Frame fields = new Frame();
    JsonParser json = reader.parser();
    JsonToken token = json.nextToken();
    if (token == JsonToken.START_OBJECT) {
      fields.isObject = true;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        token = json.nextToken();
        switch (name) {
          case "event" -> fields.event = token == JsonToken.VALUE_STRING ? json.getText() : null;
          case "args" -> readArgs(reader, token, fields);
          case "id" -> {
            boolean integer = token == JsonToken.VALUE_NUMBER_INT
                && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
            fields.id = integer ? json.getLongValue() : null;
            fields.idNotInteger = !integer;
          }
          case "seq" -> {
            fields.seq = counter(json, token);
            fields.seqInvalid = fields.seq < 0;
          }
          case "ack" -> {
            fields.ack = counter(json, token);
            fields.ackInvalid = fields.ack < 0;
          }
          default -> { }
        }
        json.skipChildren();
      }
    } else if (token != null) {
      json.skipChildren();
    }
    if (token != null && json.nextToken() != null) {
      throw new SignalingException(ErrorCode.INVALID_JSON, "frame is not valid JSON: more than one value");
    }
    return fields;
  }

  /** A non-negative integer field's value, or -1 when it is anything else. */
  private static long counter(JsonParser json, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return -1;
    }
    return Math.max(-1, json.getLongValue());
  }

  private static void readArgs(RawJson.Reader reader, JsonToken token, Frame fields) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      fields.argsNotArray = true;
      fields.args = List.of();
      return;
    }
    List<RawJson> args = new ArrayList<>(2);
    while (reader.parser().nextToken() != JsonToken.END_ARRAY) {
      args.add(reader.capture());
    }
    fields.argsNotArray = false;
    fields.args = args;
  }

  private static String stringArg(String event, List<RawJson> args, int index, String what) {
    RawJson arg = args.size() > index ? args.get(index) : null;
    if (arg == null || !arg.isString()) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "'" + event + "' needs a string " + what + " argument");
    }
    return arg.stringValue();
  }

  /**
   * Encodes one server event as a frame. A {@code message} is written as plain text around its
   * payload's JSON text; the other events through Jackson's generator.
   */
  public String encode(ServerEvent event) {
    if (event instanceof ServerEvent.Message m) {
      return "{\"event\":\"message\",\"args\":[" + m.payload().text() + ","
          + RawJson.string(m.fromPeerId()).text()
          + (m.fromSubject() == null ? "" : "," + RawJson.string(m.fromSubject()).text()) + "]}";
    }
    String roomEvent = encodeRoomEvent(event);
    return roomEvent != null ? roomEvent : encodeWithGenerator(event);
  }

  /**
   * Encodes event number {@code seq} of a resumable session: the frame of {@link
   * #encode(ServerEvent)} with {@code "seq": <seq>} as its last field.
   */
  public String encode(ServerEvent event, long seq) {
    return encode(event, seq, 0);
  }

  /**
   * As {@link #encode(ServerEvent, long)}, also telling the client the last of its own numbered
   * events the server processed ({@code "ack": <ack>}, left out when 0), so it need not keep them
   * for a resume.
   */
  public String encode(ServerEvent event, long seq, long ack) {
    String frame = encode(event);
    StringBuilder out = new StringBuilder(frame.length() + 40)
        .append(frame, 0, frame.length() - 1)
        .append(",\"seq\":").append(seq);
    if (ack > 0) {
      out.append(",\"ack\":").append(ack);
    }
    return out.append('}').toString();
  }

  /**
   * The frame of {@link #encode(ServerEvent)} as UTF-8 bytes in one array ({@link
   * #encodeFrame(ServerEvent)}'s, made once). Several recipients of one event get the same array
   * (never change it).
   */
  public byte[] encodeUtf8(ServerEvent event) {
    return encodeFrame(event).toArray();
  }

  /** The frame of {@link #encode(ServerEvent, long, long)} as UTF-8 bytes, as {@link #encodeUtf8(ServerEvent)}. */
  public byte[] encodeUtf8(ServerEvent event, long seq, long ack) {
    return encodeFrame(event, seq, ack).toArray();
  }

  /**
   * The frame of {@link #encode(ServerEvent)} as UTF-8 bytes a transport writes where they lie
   * ({@link Utf8Frame#writeTo}). A {@code message} is its payload's bytes ({@link RawJson}, as
   * they came) between a fixed prefix and the sender's id: no {@code String} and no copy of the
   * frame is made. Several recipients of one event get the same frame.
   */
  public Utf8Frame encodeFrame(ServerEvent event) {
    if (event instanceof ServerEvent.Message m) {
      Encoded last = lastMessage;
      if (last != null && last.event == m) {
        return last.frame;
      }
      Utf8Frame frame = message(m, null);
      lastMessage = new Encoded(m, frame);
      return frame;
    }
    return Utf8Frame.of(encode(event).getBytes(StandardCharsets.UTF_8));
  }

  /** The frame of {@link #encode(ServerEvent, long, long)}, as {@link #encodeFrame(ServerEvent)}. */
  public Utf8Frame encodeFrame(ServerEvent event, long seq, long ack) {
    if (event instanceof ServerEvent.Message m) {
      return message(m, ack > 0 ? ",\"seq\":" + seq + ",\"ack\":" + ack : ",\"seq\":" + seq);
    }
    return Utf8Frame.of(encode(event, seq, ack).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The last message encoded without a seq, for the next recipient of the same event (a room of
   * more than two). Racy on purpose: a record's final fields publish the frame safely, and a
   * stale entry only misses.
   */
  private Encoded lastMessage;

  private record Encoded(ServerEvent.Message event, Utf8Frame frame) {}

  private static final byte[] MESSAGE_PREFIX = "{\"event\":\"message\",\"args\":[".getBytes(StandardCharsets.US_ASCII);

  /** {@code {"event":"message","args":[<payload>,"<from>"(,"<subject>")]<numbers>}}; {@code numbers} ASCII or null. */
  private static Utf8Frame message(ServerEvent.Message m, String numbers) {
    byte[] from = quoted(m.fromPeerId());
    byte[] subject = m.fromSubject() == null ? null : quoted(m.fromSubject());
    int size = 1 + from.length + (subject == null ? 0 : 1 + subject.length) + 1
        + (numbers == null ? 0 : numbers.length()) + 1;
    byte[] tail = new byte[size];
    int at = 0;
    tail[at++] = ',';
    at = copy(from, tail, at);
    if (subject != null) {
      tail[at++] = ',';
      at = copy(subject, tail, at);
    }
    tail[at++] = ']';
    if (numbers != null) {
      for (int i = 0; i < numbers.length(); i++) {
        tail[at++] = (byte) numbers.charAt(i); // ASCII
      }
    }
    tail[at] = '}';
    return Utf8Frame.around(MESSAGE_PREFIX, m.payload(), tail);
  }

  /** The UTF-8 bytes of the JSON string literal of {@code value}, as {@link RawJson#string} writes it. */
  private static byte[] quoted(String value) {
    byte[] quoted = new byte[value.length() + 2];
    quoted[0] = '"';
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        return RawJson.string(value).text().getBytes(StandardCharsets.UTF_8);
      }
      quoted[i + 1] = (byte) c;
    }
    quoted[quoted.length - 1] = '"';
    return quoted;
  }

  private static int copy(byte[] bytes, byte[] into, int at) {
    System.arraycopy(bytes, 0, into, at, bytes.length);
    return at + bytes.length;
  }

  /**
   * Encodes a session notice: {@code welcome [{"peerId", "resumeToken", "window"}]}, {@code
   * resumed [{"peerId", "seq"}]}, or {@code error [{"code": "resume-failed", "message"}]}.
   */
  public String encode(SessionNotice notice) {
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      if (notice instanceof SessionNotice.Welcome welcome) {
        json.writeStringField("event", "welcome");
        json.writeArrayFieldStart("args");
        json.writeStartObject();
        json.writeStringField("peerId", welcome.peerId());
        json.writeStringField("resumeToken", welcome.resumeToken());
        json.writeNumberField("window", welcome.window().toMillis());
        json.writeEndObject();
      } else if (notice instanceof SessionNotice.Resumed resumed) {
        json.writeStringField("event", "resumed");
        json.writeArrayFieldStart("args");
        json.writeStartObject();
        json.writeStringField("peerId", resumed.peerId());
        json.writeNumberField("seq", resumed.lastClientSeq());
        json.writeEndObject();
      } else if (notice instanceof SessionNotice.ResumeFailed failed) {
        json.writeStringField("event", "error");
        json.writeArrayFieldStart("args");
        json.writeStartObject();
        json.writeStringField("code", ErrorCode.RESUME_FAILED.wireCode());
        json.writeStringField("message", "resume failed: " + failed.outcome().tag()
            + "; continuing as a new session");
        json.writeStringField("reason", failed.outcome().tag());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.flush();
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a connection that ended with this close code may be resumed: any end but the
   * client's orderly close, 1000. (1001 is not taken as final: containers report it for
   * connections that went away without a close frame, e.g. Tyrus's "Going away.".)
   */
  public static boolean resumableClose(int closeCode) {
    return closeCode != 1000;
  }

  /**
   * The room events (a filled room of two sends five: created, join, joined, ready twice) carry
   * one or two strings: their frames are built directly, quoted by Jackson's own string encoder,
   * into the same text {@link #encodeWithGenerator} writes, without a generator per event.
   * Null for every other event.
   */
  private static String encodeRoomEvent(ServerEvent event) {
    if (event instanceof ServerEvent.Created e) {
      return roomEvent("created", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      return roomEvent("join", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      return roomEvent("joined", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      return roomEvent("ready", e.room(), null);
    } else if (event instanceof ServerEvent.Full e) {
      return roomEvent("full", e.room(), null);
    } else if (event instanceof ServerEvent.Bye e) {
      return roomEvent("bye", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      return roomEvent(e.name(), e.room(), e.peerId());
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      return roomEvent(e.name(), e.room(), e.peerId());
    }
    return null;
  }

  private static String roomEvent(String name, String room, String peerId) {
    StringBuilder json = new StringBuilder(
        24 + name.length() + room.length() + (peerId == null ? 0 : 3 + peerId.length()));
    json.append("{\"event\":\"").append(name).append("\",\"args\":[\"");
    QUOTER.quoteAsString(room, json);
    if (peerId != null) {
      json.append("\",\"");
      QUOTER.quoteAsString(peerId, json);
    }
    return json.append("\"]}").toString();
  }

  /** Encodes any server event with a Jackson generator. */
  String encodeWithGenerator(ServerEvent event) {
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.setCodec(mapper);
      json.writeStartObject();
      json.writeStringField("event", event.name());
      json.writeArrayFieldStart("args");
      writeArgs(json, event);
      json.writeEndArray();
      if (event instanceof ServerEvent.AckReply ack) {
        json.writeNumberField("id", ack.ackId());
      }
      json.writeEndObject();
      json.flush();
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeArgs(JsonGenerator json, ServerEvent event) throws IOException {
    if (event instanceof ServerEvent.Created e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      json.writeString(e.room());
    } else if (event instanceof ServerEvent.Full e) {
      json.writeString(e.room());
    } else if (event instanceof ServerEvent.Bye e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Log e) {
      json.writeStartArray();
      for (String line : e.lines()) {
        json.writeString(line);
      }
      json.writeEndArray();
    } else if (event instanceof ServerEvent.IpAddr e) {
      json.writeString(e.address());
    } else if (event instanceof ServerEvent.IceServers e) {
      json.writeTree(e.configuration().toJson());
    } else if (event instanceof ServerEvent.Error e) {
      json.writeStartObject();
      json.writeStringField("code", e.code().wireCode());
      json.writeStringField("message", e.message());
      json.writeEndObject();
    } else if (event instanceof ServerEvent.Custom e) {
      for (JsonNode arg : e.args()) {
        json.writeTree(arg);
      }
    } else if (event instanceof ServerEvent.AckReply e) {
      for (JsonNode arg : e.args()) {
        json.writeTree(arg);
      }
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
  }
}
