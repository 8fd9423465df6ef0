package dev.signaling.examples.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example server's log output (Logback, to standard output): {@code text} lines as
 * {@code logback.xml} configures them, or {@code json}, one JSON object per line (Logback's
 * {@link JsonEncoder}: timestamp, level, threadName, loggerName, message ...) for log shippers.
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** Reconfigures Logback for this format; call before the server starts. */
  public void apply() {
    if (this == TEXT) {
      return; // logback.xml
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend: leave it alone
    }
    context.reset();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true); // "formattedMessage": the line as text shows it
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("json");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
  }
}
