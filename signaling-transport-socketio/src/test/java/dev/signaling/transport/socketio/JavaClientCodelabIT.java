package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socket.client.Ack;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codelab scenario driven by the real Java socket.io client over each transport setup. */
class JavaClientCodelabIT {
  private static SignalingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new SignalingFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {JavaClientCodelab.WEBSOCKET, JavaClientCodelab.POLLING, JavaClientCodelab.POLLING_THEN_WEBSOCKET})
  void codelabScenarioWithAnAcknowledgedApplicationEvent(String setup) throws Exception {
    JavaClientCodelab.run(fixture.httpUrl(), setup, alice -> {
      CompletableFuture<String> acked = new CompletableFuture<>();
      alice.socket.emit("echo", new Object[] {"ping", 42}, (Ack) args -> acked.complete(args[0] + "/" + args[1]));
      assertEquals("ping/42", acked.get(10, TimeUnit.SECONDS));
    });
  }
}
