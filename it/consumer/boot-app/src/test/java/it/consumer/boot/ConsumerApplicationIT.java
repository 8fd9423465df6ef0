package it.consumer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.consumer.client.Codelab;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The consumer's Boot application serves the codelab at its configured path, and Socket.IO. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsumerApplicationIT {
  @LocalServerPort
  int port;

  @Test
  void theCodelabScenarioRunsAtTheConfiguredPath() throws Exception {
    Codelab.run(URI.create("ws://127.0.0.1:" + port + "/rtc"), "consumer-boot");
  }

  @Test
  void socketIoAnswersOnTheSamePort() throws Exception {
    HttpResponse<String> open = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, open.statusCode(), open.body());
    assertTrue(open.body().startsWith("0{\"sid\":"), open.body());
  }
}
