package io.oneviewinfrakit.oneview.scmb;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures, at TRACE, everything this project and the AMQP client log while open. */
final class LogCapture implements AutoCloseable {
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> previous = new ArrayList<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    for (String name : List.of("io.oneviewinfrakit", "com.rabbitmq")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      loggers.add(logger);
      previous.add(logger.getLevel());
      logger.addAppender(appender);
      logger.setLevel(Level.TRACE);
    }
  }

  /** Every message, argument and stack trace, as one text. */
  String text() {
    synchronized (appender.list) {
      return new ArrayList<>(appender.list).stream()
          .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .collect(Collectors.joining("\n"));
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).detachAppender(appender);
      loggers.get(i).setLevel(previous.get(i));
    }
  }
}
