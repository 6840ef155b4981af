package dev.statekeeper.cli.log;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A logger writing through {@link Logging}; the fluent API's key-value pairs and the MDC become its fields. Markers
 * play no part ({@link LegacyAbstractLogger} asks the level alone).
 */
final class StatekeeperLogger extends LegacyAbstractLogger implements LoggingEventAware {
    @Serial
    private static final long serialVersionUID = 1L;

    StatekeeperLogger(String name) {
        this.name = name;
    }

    @Override
    public void log(LoggingEvent event) {
        if (Logging.enabled(name, event.getLevel())) {
            String message = MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            write(event.getLevel(), message, pairs == null ? List.of() : pairs, event.getThrowable());
        }
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        write(level, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(), throwable);
    }

    private void write(Level level, String message, List<KeyValuePair> pairs, Throwable throwable) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context == null || context.isEmpty()) {
            Logging.write(name, level, message, pairs, throwable);
        } else {
            List<KeyValuePair> fields = new ArrayList<>(pairs);
            context.forEach((k, v) -> fields.add(new KeyValuePair(k, v)));
            Logging.write(name, level, message, fields, throwable);
        }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return Logging.enabled(name, Level.TRACE);
    }


    @Override
    public boolean isDebugEnabled() {
        return Logging.enabled(name, Level.DEBUG);
    }


    @Override
    public boolean isInfoEnabled() {
        return Logging.enabled(name, Level.INFO);
    }


    @Override
    public boolean isWarnEnabled() {
        return Logging.enabled(name, Level.WARN);
    }


    @Override
    public boolean isErrorEnabled() {
        return Logging.enabled(name, Level.ERROR);
    }

}
