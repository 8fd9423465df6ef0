package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signaling.core.RawJson;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSeqTest {
  private static List<RawJson> args(String... json) {
    return Arrays.stream(json).map(RawJson::parse).toList();
  }

  @Test
  void aTrailingSeqObjectIsTheNumberAndIsTakenOff() {
    ClientSeq numbered = ClientSeq.of(args("{\"n\":1}", "{\"seq\":42}"), 1);
    assertEquals(42, numbered.seq());
    assertEquals(args("{\"n\":1}"), numbered.args());
    assertEquals(7, ClientSeq.of(args("{\"n\":1}", "\"peer\"", "{ \"seq\" : 7 }"), 1).seq());
    assertEquals(9_007_199_254_740_991L, ClientSeq.of(args("{\"seq\":9007199254740991}"), 0).seq());
  }

  @Test
  void theEventsOwnArgumentsAreNeverANumber() {
    ClientSeq payloadOnly = ClientSeq.of(args("{\"seq\":3}"), 1);
    assertEquals(0, payloadOnly.seq());
    assertEquals(args("{\"seq\":3}"), payloadOnly.args());
    assertEquals(0, ClientSeq.of(List.of(), 0).seq());
    assertEquals(0, ClientSeq.of(List.of(), -1).seq(), "an application event without arguments");
    assertEquals(5, ClientSeq.of(args("{\"seq\":5}"), -1).seq(), "an application event with the number alone");
  }

  @Test
  void anythingElseStaysAnArgument() {
    for (String other : new String[] {"{\"seq\":0}", "{\"seq\":-1}", "{\"seq\":1.5}", "{\"seq\":\"1\"}",
        "{\"seq\":1,\"n\":2}", "{\"seq\":99999999999999999999}", "{}", "[1]", "\"seq\"", "{\"sequence\":1}",
        "{\"seq\":{\"seq\":1}}"}) {
      ClientSeq numbered = ClientSeq.of(args("\"room\"", other), 1);
      assertEquals(0, numbered.seq(), other);
      assertEquals(2, numbered.args().size(), other);
    }
  }
}
