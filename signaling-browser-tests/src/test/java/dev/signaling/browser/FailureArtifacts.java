package dev.signaling.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a browser test fails, saves what a person would look at: a screenshot of every open page,
 * the page's own event log, and the browser console, under
 * {@code target/browser-artifacts/<test class>/<test>/}. Runs before {@code @AfterEach} closes
 * the browser.
 */
final class FailureArtifacts implements AfterTestExecutionCallback {
  private final Supplier<Browser> browser;

  FailureArtifacts(Supplier<Browser> browser) {
    this.browser = browser;
  }

  static Path root() {
    return Path.of(System.getProperty("browser.artifacts", "target/browser-artifacts"));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    Browser current = browser.get();
    if (context.getExecutionException().isEmpty() || current == null) {
      return;
    }
    Path dir = root().resolve(context.getRequiredTestClass().getSimpleName())
        .resolve(context.getRequiredTestMethod().getName());
    Files.createDirectories(dir);
    StringBuilder summary = new StringBuilder();
    for (Page page : current.pages()) {
      try {
        page.screenshot(dir.resolve(page.name() + ".png"));
        summary.append("== page ").append(page.name()).append(": ").append(page.status())
            .append('\n').append(page.events()).append('\n');
      } catch (RuntimeException e) {
        summary.append("== page ").append(page.name()).append(": unreadable: ").append(e).append('\n');
      }
    }
    Files.writeString(dir.resolve("pages.txt"), summary, StandardCharsets.UTF_8);
    Files.write(dir.resolve("console.log"), current.consoleLog(), StandardCharsets.UTF_8);
    System.err.println("browser test failed: screenshots and console log in " + dir.toAbsolutePath());
  }
}
