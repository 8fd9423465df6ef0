package dev.signaling.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * One window of a page of the example server's web app (the demo page, the codelab-shaped
 * socket.io page, a test fixture), read and driven the way a user would, through its DOM.
 */
final class Page {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final Browser browser;
  private final String name;
  private final String handle;

  Page(Browser browser, String name, String handle) {
    this.browser = browser;
    this.name = name;
    this.handle = handle;
  }

  String name() {
    return name;
  }

  String handle() {
    return handle;
  }

  WebElement element(String id) {
    return browser.driverFor(this).findElement(By.id(id));
  }

  /**
   * The status line's state (data-state) and the words the user reads; state {@code null} on a
   * page without a status line.
   */
  Status status() {
    List<WebElement> found = browser.driverFor(this).findElements(By.id("status"));
    if (found.isEmpty()) {
      return new Status(null, "(no status line)");
    }
    return new Status(found.get(0).getAttribute("data-state"), found.get(0).getText());
  }

  Page awaitStatus(String state) {
    await("status " + state, () -> state.equals(status().state()));
    return this;
  }

  /**
   * Waits until the page's RTCPeerConnection is connected and the remote video plays frames,
   * then returns the connection's state and the remote video's width as the page reports them.
   */
  Map<String, Object> awaitCall() {
    await("a connected call with remote video playing", () -> Boolean.TRUE.equals(script(
        "const pc = window.demo.peerConnection(); const v = document.getElementById('remote-video');"
            + " return pc !== null && pc.connectionState === 'connected'"
            + " && v.videoWidth > 0 && !v.paused && v.currentTime > 0;")));
    @SuppressWarnings("unchecked")
    Map<String, Object> call = (Map<String, Object>) script(
        "const v = document.getElementById('remote-video');"
            + " return {connectionState: window.demo.peerConnection().connectionState,"
            + " videoWidth: v.videoWidth, videoHeight: v.videoHeight};");
    return call;
  }

  /** The address of the local ICE candidate the call uses (from the connection's stats). */
  String selectedLocalAddress() {
    return (String) browser.driverFor(this).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + " window.demo.peerConnection().getStats().then(stats => {"
            + "   let pair = null;"
            + "   stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });"
            + "   const local = pair ? stats.get(pair.localCandidateId) : null;"
            + "   done(local ? local.address : null);"
            + " }, e => done('getStats failed: ' + e));");
  }

  /**
   * The candidate types ({@code host}, {@code srflx}, {@code relay}...) of the call's selected
   * candidate pair, from the connection's stats: {@code {local: ..., remote: ...}}.
   */
  Map<String, Object> selectedCandidateTypes() {
    @SuppressWarnings("unchecked")
    Map<String, Object> types = (Map<String, Object>) browser.driverFor(this).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + " window.demo.peerConnection().getStats().then(stats => {"
            + "   let pair = null;"
            + "   stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });"
            + "   const local = pair ? stats.get(pair.localCandidateId) : null;"
            + "   const remote = pair ? stats.get(pair.remoteCandidateId) : null;"
            + "   done({local: local ? local.candidateType : null, remote: remote ? remote.candidateType : null});"
            + " }, e => done({error: 'getStats failed: ' + e}));");
    return types;
  }

  /** Types {@code text} into the chat box and sends it, once the data channel lets the user. */
  void chat(String text) {
    await("the chat box enabled", () -> element("chat-input").isEnabled() && element("chat-send").isEnabled());
    element("chat-input").sendKeys(text);
    element("chat-send").click();
  }

  List<String> chatLines() {
    return items("chat-log");
  }

  /** The text of each item of the list {@code listId}, as the user reads it. */
  List<String> items(String listId) {
    return element(listId).findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
  }

  /** Waits until the list {@code listId} holds an item matching {@code item}, and returns that item. */
  String awaitItem(String listId, String what, Predicate<String> item) {
    String[] found = new String[1];
    await(what + " in list #" + listId, () -> {
      found[0] = items(listId).stream().filter(item).findFirst().orElse(null);
      return found[0] != null;
    });
    return found[0];
  }

  void awaitChatLine(String line) {
    await("chat line \"" + line + "\"", () -> chatLines().contains(line));
  }

  void click(String id) {
    element(id).click();
  }

  Object script(String script, Object... args) {
    return browser.script(this, script, args);
  }

  void reload() {
    browser.driverFor(this).navigate().refresh();
  }

  /** Closes the page as a user closes a tab (the first window, which the browser keeps, goes blank). */
  void close() {
    browser.collectConsole();
    browser.closePage(this);
  }

  void screenshot(Path file) throws IOException {
    byte[] png = browser.driverFor(this).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(file.getParent());
    Files.write(file, png);
  }

  /** The signaling events the page lists (its event log, collapsed or not), for failure messages. */
  String events() {
    List<WebElement> list = browser.driverFor(this).findElements(By.id("events"));
    if (list.isEmpty()) {
      return "(no event list)";
    }
    return String.join("\n", list.get(0).findElements(By.tagName("li")).stream()
        .map(li -> li.getAttribute("textContent")).toList());
  }

  /** Polls {@code condition} every 100 ms for at most {@link #WAIT}; fails saying what the page shows. */
  void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      if (condition.get()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("page " + name + ": no " + what + " within " + WAIT.toSeconds()
            + " s; status " + status() + "; events:\n" + events());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public String toString() {
    return "page " + name;
  }

  record Status(String state, String text) {}
}
