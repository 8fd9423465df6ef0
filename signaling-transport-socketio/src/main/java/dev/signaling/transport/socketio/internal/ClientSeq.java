package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.RawJson;
import java.util.List;

/**
 * A socket.io client's own number for an event, the Socket.IO spelling of the native protocol's
 * {@code "seq"}: one more argument after the event's own, an object with exactly one member,
 * {@code {"seq": n}}, n a positive integer counting 1, 2, 3 … per client. The peer processes a
 * numbered event once ({@link dev.signaling.core.Peer#receive(dev.signaling.core.ClientEvent, long)});
 * socket.io-client's {@code retries} re-send one with a new ack id after a cut.
 *
 * @param args the event's arguments without the number
 * @param seq the number, 0 when the event carried none
 */
record ClientSeq(List<RawJson> args, long seq) {
  /** Longest text a number object can have: {@code {"seq":9223372036854775807}} with some spacing. */
  private static final int MAX_MARKER_LENGTH = 64;

  /**
   * Takes the number off {@code args} when their last argument is one, beyond the event's {@code
   * required} arguments (an event's own first arguments are never read as a number; 0 or less:
   * none required).
   */
  static ClientSeq of(List<RawJson> args, int required) {
    if (args.size() <= Math.max(required, 0)) {
      return new ClientSeq(args, 0);
    }
    long seq = seqOf(args.get(args.size() - 1));
    return seq > 0 ? new ClientSeq(args.subList(0, args.size() - 1), seq) : new ClientSeq(args, 0);
  }

  /** The number {@code arg} carries, 0 when it is not exactly {@code {"seq": <positive integer>}}. */
  private static long seqOf(RawJson arg) {
    String text = arg.text();
    if (text.charAt(0) != '{' || text.length() > MAX_MARKER_LENGTH || arg.hasBinary() || !text.contains("seq")) {
      return 0;
    }
    JsonNode marker = arg.toJsonNode();
    JsonNode seq = marker.get("seq");
    if (marker.size() != 1 || seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
      return 0;
    }
    return Math.max(0, seq.longValue());
  }
}
