package dev.statekeeper.cli.log;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the CLI logs: the level and format of STATEKEEPER_LOG_LEVEL and STATEKEEPER_LOG_FORMAT, and the lines it
 * writes on stderr (stdout is the command's output). {@link StatekeeperLogProvider} is the SLF4J provider whose
 * loggers write through it; they read the configuration at every call, so it may be set before or after the first
 * logger is made.
 *
 * <p>A text line: {@code 2026-12-02T17:15:08.123Z [WARN] HikariPool - message key=value}; a JSON line:
 * {@code {"time":"2026-12-02T17:15:08.123Z","level":"WARN","logger":"com.zaxxer.hikari.pool.HikariPool",
 * "message":"message","fields":{"key":"value"}}}, with {@code "error"} holding the stack trace when there is one.
 * Control characters in a message or field never reach the terminal or break a line: text shows them as
 * {@code \\u001b}, JSON escapes them.
 */
public final class Logging {
    private static final String SERVER_LOGGERS = "dev.statekeeper.server";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The shape of a log line. */
    public enum Format {
        /** One line of text: time, level, the logger's short name, the message and the fields. */
        TEXT,
        /** One JSON object per line: time, level, logger, message, fields (and error). */
        JSON
    }

    /**
     * What is logged and how.
     *
     * @param level      the least severe level printed
     * @param levelGiven whether the level was set; when it was not, serve's request log ({@code dev.statekeeper.server})
     *                   is printed from info
     * @param format     the lines' format
     */
    public record Config(Level level, boolean levelGiven, Format format) {
        /** Warn, serve's request log at info, text. */
        public static final Config DEFAULT = new Config(Level.WARN, false, Format.TEXT);

        /**
         * The configuration the settings give; a value out of range leaves its default here (the command then
         * refuses the settings with CONFIG_INVALID).
         *
         * @param settings the settings, checked or not ({@link Settings.Builder#inspect()})
         * @return the configuration
         */
        public static Config of(Settings settings) {
            Level level = DEFAULT.level();
            boolean given = false;
            if (given(settings, Setting.LOG_LEVEL)) {
                level = Level.valueOf(settings.raw(Setting.LOG_LEVEL).trim().toUpperCase(Locale.ROOT));
                given = true;
            }
            Format format = given(settings, Setting.LOG_FORMAT)
                    ? Format.valueOf(settings.raw(Setting.LOG_FORMAT).trim().toUpperCase(Locale.ROOT)) : DEFAULT.format();
            return new Config(level, given, format);
        }

        private static boolean given(Settings settings, Setting setting) {
            return settings.value(setting).source() != Settings.Source.DEFAULT && settings.raw(setting) != null
                    && setting.kind().check(settings.raw(setting)) == null;
        }

        /**
         * Whether a logger prints at a level.
         *
         * @param logger the logger's name
         * @param at     the level of a message
         * @return true when it is printed
         */
        public boolean enabled(String logger, Level at) {
            Level least = !levelGiven && logger.startsWith(SERVER_LOGGERS) && level.toInt() > Level.INFO.toInt()
                    ? Level.INFO : level;
            return at.toInt() >= least.toInt();
        }
    }

    private static volatile Config config = Config.DEFAULT;
    /** Where lines go; null for the process's stderr as it is when a line is written. */
    private static volatile PrintStream sink;
    private static volatile Clock clock = Clock.systemUTC();

    private Logging() {
    }

    /**
     * Sets how the process logs, from its settings: the CLI's {@code main} calls it first.
     *
     * @param settings the settings, checked or not
     */
    public static void configure(Settings settings) {
        config = Config.of(settings);
    }

    /**
     * The configuration in force.
     *
     * @return the configuration
     */
    public static Config config() {
        return config;
    }

    /** For tests: sets the configuration, where lines go (null: stderr) and the clock that stamps them. */
    static void configure(Config newConfig, PrintStream newSink, Clock newClock) {
        config = newConfig;
        sink = newSink;
        clock = newClock;
    }

    static boolean enabled(String logger, Level level) {
        return config.enabled(logger, level);
    }

    static void write(String logger, Level level, String message, List<KeyValuePair> fields, Throwable error) {
        String line = line(config.format(), clock.instant(), level, logger, message, fields, error);
        PrintStream out = sink != null ? sink : System.err;
        out.print(line);  // one call per line: PrintStream is synchronized, lines of threads do not mix
        out.flush();
    }

    /**
     * A log line, ending with a newline.
     *
     * @param format  text or JSON
     * @param time    when
     * @param level   the level
     * @param logger  the logger's name
     * @param message the message, its arguments filled in (null: empty)
     * @param fields  key-value pairs
     * @param error   the throwable logged, or null
     * @return the line (text: followed by the stack trace's lines, if any)
     */
    static String line(Format format, Instant time, Level level, String logger, String message,
                       List<KeyValuePair> fields, Throwable error) {
        StringBuilder out = new StringBuilder(128);
        String text = message == null ? "" : message;
        if (format == Format.JSON) {
            out.append("{\"time\":\"").append(TIME.format(time)).append("\",\"level\":\"").append(level)
                    .append("\",\"logger\":");
            json(out, logger);
            out.append(",\"message\":");
            json(out, text);
            out.append(",\"fields\":{");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(out, String.valueOf(fields.get(i).key));
                out.append(':');
                jsonValue(out, fields.get(i).value);
            }
            out.append('}');
            if (error != null) {
                out.append(",\"error\":");
                json(out, stackTrace(error));
            }
            out.append("}\n");
        } else {
            out.append(TIME.format(time)).append(" [").append(level).append("] ")
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ");
            escape(out, text, false);
            for (KeyValuePair field : fields) {
                out.append(' ');
                escape(out, String.valueOf(field.key), false);
                out.append('=');
                String value = String.valueOf(field.value);
                if (value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')) {
                    json(out, value);
                } else {
                    escape(out, value, false);
                }
            }
            out.append('\n');
            if (error != null) {
                escape(out, stackTrace(error), true);
            }
        }
        return out.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Text as a terminal may show it: control, bidirectional and unpaired surrogate characters as {@code \\uXXXX}. */
    private static void escape(StringBuilder out, String text, boolean keepLines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (keepLines && (c == '\n' || c == '\t') || !unsafe(c)) {
                out.append(c);
            } else {
                unicode(out, c);
            }
        }
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    private static void unicode(StringBuilder out, char c) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }

    private static void jsonValue(StringBuilder out, Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            json(out, String.valueOf(value));
        }
    }

    /** A JSON string: quotes, backslashes and the characters {@link #unsafe} escaped. */
    private static void json(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (unsafe(c)) {
                unicode(out, c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
