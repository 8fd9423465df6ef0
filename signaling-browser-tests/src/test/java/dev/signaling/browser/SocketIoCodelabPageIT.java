package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example server's codelab-shaped socket.io page, {@code /socketio/index.html?room=NAME}, in
 * real headless Chromium: it loads {@code /socket.io/socket.io.js} (the library's own client) and
 * calls {@code io.connect()}. The tests read what the page lists, as a user does.
 */
class SocketIoCodelabPageIT extends BrowserTest {
  private static final String EVENTS = "events";
  private String pageUrl;

  @BeforeEach
  void pageUrl() {
    pageUrl = server.url() + "socketio/index.html?room=" + room;
  }

  /** Waits for the page to list a line starting with {@code prefix}; returns that line. */
  private static String awaitLine(Page page, String prefix) {
    return page.awaitItem(EVENTS, "\"" + prefix + "...\"", line -> line.startsWith(prefix));
  }

  /** The peer id at the end of a line such as "Created room r as ID". */
  private static String idAfter(String line, String prefix) {
    assertTrue(line.startsWith(prefix), line);
    return line.substring(prefix.length());
  }

  @Test
  void twoPagesPairUpExchangeAMessageAThirdIsRefusedAndClosingOneSaysBye() {
    Page first = browser.open("first", pageUrl);
    String firstId = idAfter(awaitLine(first, "Created room " + room + " as "), "Created room " + room + " as ");
    assertEquals(room, first.element("room").getText());

    Page second = browser.open("second", pageUrl);
    String secondId = idAfter(awaitLine(second, "Joined room " + room + " as "), "Joined room " + room + " as ");
    awaitLine(second, "Room is ready");
    assertEquals("Peer " + secondId + " made a request to join room " + room,
        awaitLine(first, "Peer " + secondId + " made a request to join"));
    awaitLine(first, "Room is ready");
    assertNotEquals(firstId, secondId);

    // A user types a message into the form of one page; the other page lists it, with its sender.
    first.element("message-input").sendKeys("hello from first");
    first.click("message-send");
    awaitLine(first, "Sent message: \"hello from first\"");
    assertEquals("Message from " + firstId + ": \"hello from first\"",
        awaitLine(second, "Message from " + firstId + ":"));
    second.element("message-input").sendKeys("hi first");
    second.click("message-send");
    assertEquals("Message from " + secondId + ": \"hi first\"", awaitLine(first, "Message from " + secondId + ":"));

    Page third = browser.open("third", pageUrl);
    assertEquals("Room " + room + " is full", awaitLine(third, "Room " + room + " is full"));
    assertTrue(third.items(EVENTS).stream().noneMatch(line -> line.startsWith("Joined")),
        "the third page joins nothing: " + third.items(EVENTS));

    second.close();
    assertEquals("Peer " + secondId + " left room " + room, awaitLine(first, "Peer " + secondId + " left"));
    assertTrue(first.items(EVENTS).stream().noneMatch(line -> line.startsWith("Disconnected")),
        "the remaining page stays connected: " + first.items(EVENTS));
  }

  @Test
  void aSocketIoPageAndANativeDemoPageShareARoom() {
    Page demo = browser.open("demo", server.url() + room);
    demo.awaitStatus("waiting");

    Page socketIo = browser.open("socketio", pageUrl);
    String joinedPrefix = "Joined room " + room + " as ";
    String socketIoId = idAfter(awaitLine(socketIo, joinedPrefix), joinedPrefix);
    awaitLine(socketIo, "Room is ready");

    // The demo page, first in the room, sees the socket.io peer arrive and offers it a call: the
    // socket.io page lists the demo page's SDP offer, relayed across the two protocols.
    demo.await("the socket.io peer joining", () -> demo.events().contains("peer " + socketIoId + " joins room " + room));
    demo.awaitStatus("connecting");
    Pattern offerLine = Pattern.compile("Message from (\\S+): \\{\"type\":\"offer\",\"sdp\":\"v=0.*");
    String offer = socketIo.awaitItem(EVENTS, "the demo page's offer", line -> offerLine.matcher(line).matches());
    Matcher m = offerLine.matcher(offer);
    assertTrue(m.matches(), offer);
    assertNotEquals(socketIoId, m.group(1), offer);

    socketIo.close();
    demo.awaitStatus("peer-left");
  }
}
