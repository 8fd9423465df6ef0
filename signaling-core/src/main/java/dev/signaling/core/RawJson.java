package dev.signaling.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.internal.Utf8;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON value kept as its text. Relay payloads travel this way from the frame a peer sent to
 * the frames the other peers receive: the server never parses them into a tree, never writes them
 * back out, and relays exactly the characters the sender wrote (escapes, spacing and number
 * spellings included).
 *
 * <p>The text is always one complete, valid JSON value (RFC 8259: no comments, no single quotes,
 * no {@code NaN}) without surrounding whitespace, so it can be written into a frame as it is. An
 * instance comes from {@link #parse} (untrusted text: validated), {@link #of(JsonNode)}, {@link
 * #string(String)}, or a {@link Reader}, with which a codec captures values while it streams
 * through a frame (validated by that streaming pass; no tree is built).
 *
 * <p>Binary data: a tree holding Jackson {@code BinaryNode}s (Socket.IO binary attachments) has
 * no JSON text of its own. {@link #of(JsonNode)} writes each as a base64 string, as Jackson does,
 * and that text is what protocols without binary carry (native clients, the cluster); the value
 * keeps a copy of the tree as well, so that a transport with binary attachments can tell
 * ({@link #hasBinary()}) and send {@link #toJsonNode()} instead.
 *
 * <p>Bytes: a value captured from a frame's UTF-8 bytes ({@link #parse(byte[], int, int)}, a
 * {@linkplain #reader(byte[], int, int, int) byte reader}) keeps those bytes and makes its text
 * only when asked ({@link #text()}); {@link #utf8Length()} and {@link #copyUtf8} give the bytes
 * without a {@code String}, so a relayed payload can go from the sender's frame to the
 * recipients' frames as bytes. A value made from text encodes it once when its bytes are asked
 * for. Either way text and bytes are the same value.
 *
 * <p>Equality is textual: {@code {"a":1}} and {@code { "a": 1 }} are different values. Immutable
 * and thread-safe.
 */
public final class RawJson {
  /** Deepest nesting {@link #parse} accepts: the native protocol's cap for a whole frame. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** Deepest nesting any {@link Reader} may be allowed (Jackson's own default cap). */
  private static final int MAX_READER_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  private static final ConcurrentHashMap<Integer, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
  private static final ObjectMapper TREES = new ObjectMapper(factory(MAX_READER_DEPTH));

  /** The text the value was made from; null for a value made from bytes. */
  private final String source;
  /** The UTF-8 bytes a value was made from, {@code bytes[offset, offset + length)}; null (length -1) for one made from text. */
  private final byte[] bytes;
  private final int offset;
  private final int length;
  private final JsonNode binaryTree; // only for a value made from a tree that holds binary
  /** The text of a value made from bytes, once asked for. */
  private volatile String decoded;
  /** The UTF-8 bytes of a value made from text, once asked for. */
  private volatile byte[] encoded;
  /** The UTF-8 length of a value made from text once counted; 0 before (a JSON value has at least one byte). */
  private int sourceUtf8Length;

  private RawJson(String text) {
    this(text, null);
  }

  private RawJson(String text, JsonNode binaryTree) {
    this.source = text;
    this.binaryTree = binaryTree;
    this.bytes = null;
    this.offset = 0;
    this.length = -1;
  }

  /** A value over {@code utf8[offset, offset + length)}, which it keeps: nobody may change those bytes. */
  private RawJson(byte[] utf8, int offset, int length) {
    this.source = null;
    this.bytes = utf8;
    this.offset = offset;
    this.length = length;
    this.binaryTree = null;
  }

  /**
   * Validates {@code json} as exactly one JSON value, nested at most {@link #MAX_NESTING_DEPTH}
   * deep; whitespace around it is dropped.
   *
   * @throws IllegalArgumentException when it is not, saying why
   */
  public static RawJson parse(String json) {
    Objects.requireNonNull(json, "json");
    try (Reader reader = reader(json, MAX_NESTING_DEPTH)) {
      return onlyValue(reader);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As {@link #parse(String)}, for JSON given as UTF-8 bytes: validates {@code utf8[offset,
   * offset + length)} as exactly one JSON value in well-formed UTF-8, and keeps a copy of the
   * value's bytes.
   *
   * @throws IllegalArgumentException when it is not, saying why
   */
  public static RawJson parse(byte[] utf8, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(utf8, "utf8").length);
    byte[] copy = Arrays.copyOfRange(utf8, offset, offset + length);
    try (Reader reader = reader(copy, 0, copy.length, MAX_NESTING_DEPTH)) {
      return onlyValue(reader);
    } catch (CharConversionException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one value a reader holds; {@code IllegalArgumentException} when it holds none or more. */
  private static RawJson onlyValue(Reader reader) throws IOException {
    JsonParser parser = reader.parser();
    if (parser.nextToken() == null) {
      throw new IllegalArgumentException("not JSON: no value");
    }
    RawJson value = reader.capture();
    if (parser.nextToken() != null) {
      throw new IllegalArgumentException("not JSON: more than one value");
    }
    return value;
  }

  /**
   * The JSON text of {@code value} (binary nodes as base64 strings; the value then keeps a copy
   * of the tree too, see the class comment). The text is checked like {@link #parse}'s, nesting
   * aside: a tree can hold nodes that write raw text ({@code POJONode} of a {@code RawValue}).
   *
   * @throws IllegalArgumentException when the tree does not write as one valid JSON value
   */
  public static RawJson of(JsonNode value) {
    Objects.requireNonNull(value, "value");
    String text;
    try {
      text = TREES.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write this tree as JSON: " + e.getOriginalMessage(), e);
    }
    try (Reader reader = reader(text, MAX_READER_DEPTH)) {
      JsonParser parser = reader.parser();
      parser.nextToken();
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("this tree does not write as one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("this tree does not write as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RawJson(text, containsBinary(value) ? value.deepCopy() : null);
  }

  /**
   * Whether {@code node} or anything inside it is a binary node: such values have no JSON text of
   * their own (socket.io carries them as attachments), so codecs must treat them apart.
   */
  public static boolean containsBinary(JsonNode node) {
    if (node.isBinary()) {
      return true;
    }
    for (JsonNode child : node) {
      if (containsBinary(child)) {
        return true;
      }
    }
    return false;
  }

  /** The JSON string literal of {@code value}, escaped where JSON requires it. */
  public static RawJson string(String value) {
    return new RawJson(quote(Objects.requireNonNull(value, "value")));
  }

  /** The JSON text, ready to be written into a frame as one value. */
  public String text() {
    if (source != null) {
      return source;
    }
    String known = decoded;
    if (known == null) {
      known = new String(bytes, offset, length, StandardCharsets.UTF_8);
      decoded = known;
    }
    return known;
  }

  /** The number of bytes of the value in UTF-8, without encoding it (counted once). */
  public int utf8Length() {
    if (length >= 0) {
      return length;
    }
    int counted = sourceUtf8Length;
    if (counted == 0) {
      byte[] known = encoded;
      counted = known != null ? known.length : Utf8.length(source);
      sourceUtf8Length = counted; // a racy cache: an int is written whole
    }
    return counted;
  }

  /**
   * Copies the value's UTF-8 bytes ({@link #utf8Length()} of them) into {@code destination} at
   * {@code at}: a value that came as bytes copies them as they came; one made from text encodes it
   * the first time.
   *
   * @return the offset after the last byte copied
   * @throws IndexOutOfBoundsException when they do not fit
   */
  public int copyUtf8(byte[] destination, int at) {
    byte[] from = utf8Bytes();
    int size = length >= 0 ? length : from.length;
    System.arraycopy(from, offset, destination, at, size);
    return at + size;
  }

  /**
   * Writes the value's UTF-8 bytes ({@link #utf8Length()} of them) to {@code out} in one piece,
   * as {@link #copyUtf8} copies them: where they lie, without an intermediate array.
   */
  public void writeUtf8(Utf8Sink out) {
    byte[] from = utf8Bytes();
    out.write(from, offset, length >= 0 ? length : from.length);
  }

  /** The array the bytes are in, from {@link #offset}; encoded from the text on first use. */
  private byte[] utf8Bytes() {
    if (bytes != null) {
      return bytes;
    }
    byte[] known = encoded;
    if (known == null) {
      known = source.getBytes(StandardCharsets.UTF_8);
      encoded = known;
    }
    return known;
  }

  /**
   * The value as a new tree, parsed from the text (for applications and tests; the relay path
   * never does this), or a copy of the tree with binary the value was made from.
   */
  public JsonNode toJsonNode() {
    if (binaryTree != null) {
      return binaryTree.deepCopy();
    }
    try {
      return bytes != null ? TREES.readTree(bytes, offset, length) : TREES.readTree(source);
    } catch (IOException e) {
      throw new IllegalStateException("a RawJson held invalid JSON", e);
    }
  }

  /** Whether the value was made from a tree holding binary data (see the class comment). */
  public boolean hasBinary() {
    return binaryTree != null;
  }

  /** Whether the value is a JSON string. */
  public boolean isString() {
    return bytes != null ? bytes[offset] == '"' : source.charAt(0) == '"';
  }

  /** Whether the value is JSON {@code null}. */
  public boolean isNull() {
    if (bytes != null) {
      return length == 4 && bytes[offset] == 'n' && bytes[offset + 1] == 'u' && bytes[offset + 2] == 'l'
          && bytes[offset + 3] == 'l';
    }
    return source.equals("null");
  }

  /**
   * The string's value, escapes decoded.
   *
   * @throws IllegalStateException when the value is not a JSON string
   */
  public String stringValue() {
    if (!isString()) {
      throw new IllegalStateException("not a JSON string: " + describe());
    }
    if (bytes != null) {
      return bytesStringValue();
    }
    if (source.indexOf('\\') < 0) {
      return source.substring(1, source.length() - 1);
    }
    try (JsonParser parser = TREES.getFactory().createParser(source)) {
      parser.nextToken();
      return parser.getText();
    } catch (IOException e) {
      throw new IllegalStateException("a RawJson held invalid JSON", e);
    }
  }

  private String bytesStringValue() {
    int end = offset + length - 1;
    for (int i = offset + 1; i < end; i++) {
      if (bytes[i] == '\\') {
        try (JsonParser parser = TREES.getFactory().createParser(bytes, offset, length)) {
          parser.nextToken();
          return parser.getText();
        } catch (IOException e) {
          throw new IllegalStateException("a RawJson held invalid JSON", e);
        }
      }
    }
    return new String(bytes, offset + 1, length - 2, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RawJson that)) {
      return false;
    }
    if (bytes != null && that.bytes != null) {
      return Arrays.equals(bytes, offset, offset + length, that.bytes, that.offset, that.offset + that.length);
    }
    return text().equals(that.text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  /** The JSON text. */
  @Override
  public String toString() {
    return text();
  }

  private String describe() {
    String shown = text();
    return shown.length() <= 40 ? shown : shown.substring(0, 40) + "…";
  }

  /**
   * Streams through {@code text} with a strict parser (RFC 8259) that refuses nesting deeper than
   * {@code maxNestingDepth}; values it passes over can be captured with {@link Reader#capture}.
   *
   * @throws IllegalArgumentException if {@code maxNestingDepth} is not 1..1000
   */
  public static Reader reader(String text, int maxNestingDepth) throws IOException {
    return reader(text, 0, maxNestingDepth);
  }

  /**
   * As {@link #reader(String, int)}, for the JSON that starts at {@code from} in {@code text}
   * (after a packet header, say) without copying the rest of {@code text} first.
   */
  public static Reader reader(String text, int from, int maxNestingDepth) throws IOException {
    Objects.requireNonNull(text, "text");
    if (from < 0 || from > text.length()) {
      throw new IndexOutOfBoundsException("from " + from + " in a text of " + text.length());
    }
    JsonFactory factory = factory(maxNestingDepth);
    if (from == 0) {
      return new Reader(text, 0, factory.createParser(text));
    }
    StringReader rest = new StringReader(text);
    rest.skip(from);
    return new Reader(text, from, factory.createParser(rest));
  }

  /**
   * As {@link #reader(String, int)}, for JSON given as the UTF-8 bytes {@code utf8[offset, offset
   * + length)} (a frame as it came off the wire), which are checked to be well-formed UTF-8 first.
   * Values the reader captures keep slices of {@code utf8} rather than copies: the caller hands
   * the array over and must not change it afterwards.
   *
   * @throws CharConversionException when the bytes are not well-formed UTF-8 (the message says
   *     where)
   */
  public static Reader reader(byte[] utf8, int offset, int length, int maxNestingDepth) throws IOException {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(utf8, "utf8").length);
    JsonFactory factory = factory(maxNestingDepth);
    int invalid = Utf8.firstInvalid(utf8, offset, length);
    if (invalid >= 0) {
      throw new CharConversionException(String.format("not valid UTF-8: byte 0x%02X at offset %d",
          utf8[invalid] & 0xFF, invalid - offset));
    }
    return new Reader(utf8, offset, factory.createParser(utf8, offset, length));
  }

  private static JsonFactory factory(int maxNestingDepth) {
    if (maxNestingDepth < 1 || maxNestingDepth > MAX_READER_DEPTH) {
      throw new IllegalArgumentException("maxNestingDepth must be 1.." + MAX_READER_DEPTH + ", got " + maxNestingDepth);
    }
    // Jackson's defaults are strict JSON: no comments, quotes other than ", NaN or trailing commas.
    // Bytes are UTF-8, always: never guessed to be UTF-16 or UTF-32 from zero bytes or a BOM.
    return FACTORIES.computeIfAbsent(maxNestingDepth, depth -> JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth).build())
        .disable(JsonFactory.Feature.CHARSET_DETECTION)
        .build());
  }

  /**
   * A strict streaming parser over one text that can capture the value at its current token as a
   * {@link RawJson}, validating it by skipping through it (no tree is built). Codecs move the
   * {@linkplain #parser() parser} through a frame's structure themselves and capture the values
   * they relay. Not thread-safe; close it to return Jackson's buffers.
   */
  public static final class Reader implements Closeable {
    private final String text; // null for bytes
    private final byte[] bytes; // null for text
    private final int base;
    private final JsonParser parser;

    private Reader(String text, int base, JsonParser parser) {
      this.text = text;
      this.bytes = null;
      this.base = base;
      this.parser = parser;
    }

    private Reader(byte[] bytes, int base, JsonParser parser) {
      this.text = null;
      this.bytes = bytes;
      this.base = base;
      this.parser = parser;
    }

    /** The parser, to move through the structure around the values to capture. */
    public JsonParser parser() {
      return parser;
    }

    /**
     * Captures the value that starts at the parser's current token (a scalar, or the start of an
     * object or array), leaving the parser on the value's last token: call {@code nextToken()}
     * for what follows. A string value's text stays available from the parser.
     *
     * @throws JsonProcessingException when the value is not valid JSON or nests too deeply
     * @throws IllegalStateException when the parser is not at the start of a value
     */
    public RawJson capture() throws IOException {
      JsonToken token = parser.currentToken();
      if (token == null || token == JsonToken.FIELD_NAME || token.isStructEnd()) {
        throw new IllegalStateException("the parser is not at the start of a value but at " + token);
      }
      if (bytes != null) {
        return captureBytes(token);
      }
      int start = base + (int) parser.currentTokenLocation().getCharOffset();
      skipValue(token);
      int end = base + (int) parser.currentLocation().getCharOffset();
      // At the root, Jackson may have consumed the whitespace that ends a number.
      while (end > start && isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      return new RawJson(text.substring(start, end));
    }

    /** Byte offsets of a parser over an array slice count from the slice's start. */
    private RawJson captureBytes(JsonToken token) throws IOException {
      int start = base + (int) parser.currentTokenLocation().getByteOffset();
      skipValue(token);
      int end = base + (int) parser.currentLocation().getByteOffset();
      while (end > start && isWhitespace((char) bytes[end - 1])) {
        end--;
      }
      return new RawJson(bytes, start, end - start);
    }

    private void skipValue(JsonToken token) throws IOException {
      if (token.isStructStart()) {
        parser.skipChildren();
      } else {
        parser.finishToken();
      }
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static String quote(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
      }
    }
    return '"' + value + '"';
  }
}
