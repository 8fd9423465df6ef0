package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.Ack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberedRepliesTest {
  private final NumberedReplies replies = new NumberedReplies();

  /** An ack that records what it was answered. */
  private static final class Recorded implements Ack {
    final List<List<JsonNode>> answers = new ArrayList<>();

    @Override
    public void reply(List<JsonNode> args) {
      answers.add(args);
    }
  }

  private static List<JsonNode> answer(String text) {
    return List.of(JsonNodeFactory.instance.textNode(text));
  }

  @Test
  void aRepeatAfterTheAnswerGetsTheSameAnswer() {
    Recorded first = new Recorded();
    Ack handlerAck = replies.answering(1, first);
    replies.taken(1);
    handlerAck.reply(answer("a"));
    Recorded repeat = new Recorded();
    replies.repeated(1, repeat);
    assertEquals(List.of(answer("a")), first.answers);
    assertEquals(List.of(answer("a")), repeat.answers);
  }

  @Test
  void aHandlerThatAnswersAtOnceBeforeTheEventIsReportedTakenIsRemembered() {
    Recorded first = new Recorded();
    replies.answering(3, first).reply(answer("now"));
    replies.taken(3);
    Recorded repeat = new Recorded();
    replies.repeated(3, repeat);
    assertEquals(List.of(answer("now")), repeat.answers);
  }

  @Test
  void repeatsWaitForAHandlerThatHasNotAnsweredYet() {
    Recorded first = new Recorded();
    Ack handlerAck = replies.answering(2, first);
    replies.taken(2);
    Recorded repeat1 = new Recorded();
    Recorded repeat2 = new Recorded();
    replies.repeated(2, repeat1);
    replies.repeated(2, repeat2);
    assertEquals(List.of(), repeat1.answers);
    handlerAck.reply(answer("late"));
    assertEquals(List.of(answer("late")), first.answers);
    assertEquals(List.of(answer("late")), repeat1.answers);
    assertEquals(List.of(answer("late")), repeat2.answers);
  }

  @Test
  void aRepeatOfAnOlderEventGetsANullAnswerAndALateOldAnswerChangesNothing() {
    Recorded first = new Recorded();
    Ack oldHandler = replies.answering(1, first);
    replies.taken(1);
    replies.answering(2, new Recorded()).reply(answer("two"));
    replies.taken(2);
    oldHandler.reply(answer("one"));
    assertEquals(List.of(answer("one")), first.answers, "the handler's answer reaches its own ack");
    Recorded old = new Recorded();
    replies.repeated(1, old);
    assertEquals(List.of(List.of(JsonNodeFactory.instance.nullNode())), old.answers);
    Recorded latest = new Recorded();
    replies.repeated(2, latest);
    assertEquals(List.of(answer("two")), latest.answers);
  }
}
