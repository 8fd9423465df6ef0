package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo page in real headless Chromium: pages of one room URL call each other over the
 * example server. Runs inside the network namespace made by src/test/netns/bin/java.
 */
class VideoCallIT extends BrowserTest {
  private String roomUrl;

  @BeforeEach
  void roomUrl() {
    roomUrl = server.url() + room;
  }

  private static void assertCallPlays(Page page) {
    Map<String, Object> call = page.awaitCall();
    assertEquals("connected", call.get("connectionState"), page + ": " + call);
    assertTrue(((Number) call.get("videoWidth")).intValue() > 0, page + ": " + call);
    assertEquals("connected", page.status().state(), page + " shows " + page.status());
  }

  @Test
  void twoPagesOnOneRoomUrlCallEachOtherAndChat() throws IOException {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    assertEquals("waiting for a peer", alice.status().text());
    Page bob = browser.open("bob", roomUrl);

    assertCallPlays(alice);
    assertCallPlays(bob);
    assertEquals(System.getenv("SIGNALING_TEST_NETNS"), alice.selectedLocalAddress(),
        "the media flows over the test namespace's own interface");

    alice.chat("hello from alice");
    bob.awaitChatLine("Peer: hello from alice");
    alice.awaitChatLine("You: hello from alice");
    bob.chat("hi alice");
    alice.awaitChatLine("Peer: hi alice");

    // The README's picture of a call: both videos playing, the chat below them.
    alice.screenshot(FailureArtifacts.root().resolve("call.png"));
  }

  @Test
  void aThirdPageIsToldTheRoomIsFull() {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl);
    assertCallPlays(bob);

    Page carol = browser.open("carol", roomUrl);
    carol.awaitStatus("full");
    assertTrue(carol.status().text().startsWith("room full"), carol.status().toString());
    assertEquals(Boolean.TRUE, carol.script("return window.demo.peerConnection() === null;"),
        "the refused page makes no call");

    assertCallPlays(alice);
    assertCallPlays(bob);
  }

  @Test
  void whenOnePageClosesTheOtherSaysThePeerLeftAndANewPageCallsAgain() {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl);
    assertCallPlays(alice);

    bob.close();
    alice.awaitStatus("peer-left");
    assertEquals("peer left; waiting for someone to join", alice.status().text());
    alice.awaitChatLine("The other person left.");
    assertEquals(Boolean.TRUE, alice.script("return document.getElementById('remote-video').srcObject === null;"),
        "the departed peer's video is gone");

    Page carol = browser.open("carol", roomUrl);
    assertCallPlays(carol);
    assertCallPlays(alice);
  }

  @Test
  void aReloadedPageRejoinsAndTheCallFormsAgain() {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl);
    assertCallPlays(alice);
    assertCallPlays(bob);
    alice.script("window.callBeforeReload = window.demo.peerConnection();");

    bob.reload();

    alice.await("a new peer connection", () -> Boolean.TRUE.equals(alice.script(
        "return window.demo.peerConnection() !== null && window.demo.peerConnection() !== window.callBeforeReload;")));
    assertCallPlays(bob);
    assertCallPlays(alice);
  }

  @Test
  void hangingUpFreesTheRoomForSomeoneElseAndJoiningAgainFindsItFull() {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl);
    assertCallPlays(bob);

    alice.click("hang-up");
    alice.awaitStatus("hung-up");
    bob.awaitStatus("peer-left");

    // Alice's page is still open (and connected to the server), yet the room has a free place.
    Page carol = browser.open("carol", roomUrl);
    assertCallPlays(carol);
    assertCallPlays(bob);
    assertEquals("hung-up", alice.status().state());

    // Joining again now finds the room taken.
    alice.click("join-again");
    alice.awaitStatus("full");
  }

  @Test
  void afterTheServerRestartsBothPagesReconnectRejoinAndCallAgain() throws IOException {
    Page alice = browser.open("alice", roomUrl);
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl);
    assertCallPlays(alice);
    assertCallPlays(bob);

    int port = server.port();
    server.close();
    alice.awaitStatus("reconnecting");
    bob.awaitStatus("reconnecting");
    server = startServer(port);

    // The old call's media may still flow while signaling is down (the page keeps it for a
    // resume); the new server has no session to resume, so the pages rejoin and call anew.
    alice.awaitStatus("connected");
    bob.awaitStatus("connected");
    assertCallPlays(alice);
    assertCallPlays(bob);
  }

  @Test
  void aCodelabStyleScriptRunsOnSignalingJsWithOnlyItsConnectLineChanged() {
    String url = server.url() + "codelab/index.html?room=foo";
    Page first = browser.open("first", url);
    first.await("created", () -> lines(first).contains("created foo"));
    Page second = browser.open("second", url);
    second.await("the initiator's answer", () -> lines(second).contains("message offer"));
    assertEquals(List.of("joined foo", "message offer"), withoutLogs(lines(second)));
    assertEquals(List.of("created foo", "join foo", "message got user media"), withoutLogs(lines(first)));

    Page third = browser.open("third", url);
    third.await("full", () -> lines(third).contains("full foo"));
    assertTrue(lines(third).contains("log"), "the server's log lines reach the log handler");
  }

  private static List<String> lines(Page page) {
    return page.items("lines");
  }

  private static List<String> withoutLogs(List<String> lines) {
    return lines.stream().filter(line -> !line.equals("log")).toList();
  }

  @Test
  void withoutARoomThePageOffersAFreshRoomLink() {
    Page page = browser.open("lobby", server.url());
    page.awaitStatus("lobby");
    String link = page.element("new-room-link").getAttribute("href");
    assertTrue(link.matches("\\Q" + server.url() + "\\E[a-z2-9]{10}"), link);

    page.click("new-room-link");
    page.awaitStatus("waiting");
    assertEquals(link, page.element("share-link").getAttribute("href"));
  }
}
