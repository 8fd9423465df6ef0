package dev.signaling.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium (Debian's, through Debian's chromedriver) whose windows are the pages of
 * a test. Every page is a window of its own, so none is a hidden background tab. Tests share one
 * browser (it takes seconds to start) and {@link #reset} it between them.
 */
final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final List<Page> pages = new ArrayList<>();
  private final List<String> consoleLog = new ArrayList<>();
  private final String firstWindow;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.firstWindow = driver.getWindowHandle();
  }

  static Browser launch(String... extraArguments) {
    String binary = Objects.requireNonNull(System.getProperty("chromium.binary"),
        "system property chromium.binary (set by the pom)");
    String chromedriver = Objects.requireNonNull(System.getProperty("webdriver.chrome.driver"),
        "system property webdriver.chrome.driver (set by the pom)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        // Without these Chromium keeps trying to reach update and sync hosts.
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // A synthetic camera and microphone, granted without a prompt.
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        // Real host candidates (10.99.0.1 in the test's namespace) instead of mDNS names.
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--window-size=1000,860");
    options.addArguments(extraArguments);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(chromedriver).toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(30))
        .build();
    return new Browser(new ChromeDriver(service, options));
  }

  /** Opens {@code url} in a new window; the first page reuses the window Chromium starts with. */
  Page open(String name, String url) {
    collectConsole();
    if (pages.stream().anyMatch(p -> p.handle().equals(firstWindow))) {
      driver.switchTo().newWindow(WindowType.WINDOW);
    } else {
      driver.switchTo().window(firstWindow);
    }
    Page page = new Page(this, name, driver.getWindowHandle());
    pages.add(page);
    driver.get(url);
    return page;
  }

  List<Page> pages() {
    return List.copyOf(pages);
  }

  ChromeDriver driverFor(Page page) {
    if (!page.handle().equals(driver.getWindowHandle())) {
      driver.switchTo().window(page.handle());
    }
    return driver;
  }

  void closePage(Page page) {
    ChromeDriver d = driverFor(page);
    if (page.handle().equals(firstWindow)) {
      d.get("about:blank"); // closing the last window would end the session
    } else {
      d.close();
    }
    closed(page);
  }

  private void closed(Page page) {
    pages.remove(page);
    driver.switchTo().window(pages.isEmpty() ? firstWindow : pages.get(0).handle());
  }

  /** Closes every page but the first window, which goes blank; forgets the console log. */
  void reset() {
    for (String handle : driver.getWindowHandles()) {
      if (!handle.equals(firstWindow)) {
        driver.switchTo().window(handle).close();
      }
    }
    driver.switchTo().window(firstWindow).get("about:blank");
    pages.clear();
    collectConsole();
    consoleLog.clear();
  }

  /** Moves what Chromium logged so far (every window's console) into this browser's log. */
  void collectConsole() {
    try {
      driver.manage().logs().get(LogType.BROWSER).forEach(entry ->
          consoleLog.add(entry.getTimestamp() + " " + entry.getLevel() + " " + entry.getMessage()));
    } catch (RuntimeException e) {
      consoleLog.add("(could not read the console log: " + e + ")");
    }
  }

  List<String> consoleLog() {
    collectConsole();
    return List.copyOf(consoleLog);
  }

  Object script(Page page, String script, Object... args) {
    return driverFor(page).executeScript(script, args);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
