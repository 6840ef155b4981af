package dev.statekeeper.cli.log;

import dev.statekeeper.cli.Main;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.SecondJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's log lines: their exact shapes in text and JSON, levels, escaping, and the provider SLF4J finds. */
class LoggingTest {
    private static final Instant TIME = Instant.parse("2026-12-02T17:15:08.120Z");
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    @Test
    void aTextLineHasTheTimeTheLevelTheShortLoggerNameTheMessageAndTheFields() {
        assertThat(Logging.line(Logging.Format.TEXT, TIME, Level.WARN, "com.zaxxer.hikari.pool.HikariPool",
                "pool is full", List.of(new KeyValuePair("pool", "main"), new KeyValuePair("waiting", 3),
                        new KeyValuePair("note", "two words")), null))
                .isEqualTo("2026-12-02T17:15:08.120Z [WARN] HikariPool - pool is full pool=main waiting=3 "
                        + "note=\"two words\"\n");
    }

    @Test
    void aJsonLineIsOneObjectWithTimeLevelLoggerMessageAndFields() {
        assertThat(Logging.line(Logging.Format.JSON, TIME, Level.INFO, "dev.statekeeper.server.RequestLog",
                "GET /health 200", List.of(new KeyValuePair("status", 200), new KeyValuePair("id", "r-1")), null))
                .isEqualTo("{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"INFO\","
                        + "\"logger\":\"dev.statekeeper.server.RequestLog\",\"message\":\"GET /health 200\","
                        + "\"fields\":{\"status\":200,\"id\":\"r-1\"}}\n");
        assertThat(Logging.line(Logging.Format.JSON, TIME, Level.DEBUG, "x", null, List.of(), null))
                .isEqualTo("{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"DEBUG\",\"logger\":\"x\","
                        + "\"message\":\"\",\"fields\":{}}\n");
    }

    @Test
    void controlCharactersAreEscapedInJsonAndNeverBreakALine() {
        String hostile = "a\"b\\c\nd\re\tf" + ESC + "[2J\u0000\u2028\u202e\ud800g";
        String json = Logging.line(Logging.Format.JSON, TIME, Level.ERROR, "l" + ESC, hostile,
                List.of(new KeyValuePair("k\n", hostile)), null);
        String escaped = "\"a\\\"b\\\\c\\nd\\re\\tf\\u001b[2J\\u0000\\u2028\\u202e\\ud800g\"";
        assertThat(json).isEqualTo("{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"ERROR\",\"logger\":\"l\\u001b\","
                + "\"message\":" + escaped + ",\"fields\":{\"k\\n\":" + escaped + "}}\n");
        assertThat(json.indexOf('\n')).isEqualTo(json.length() - 1);

        String text = Logging.line(Logging.Format.TEXT, TIME, Level.ERROR, "a.b", hostile, List.of(), null);
        assertThat(text).isEqualTo("2026-12-02T17:15:08.120Z [ERROR] b - a\"b\\c\\u000ad\\u000de\\u0009f\\u001b[2J"
                + "\\u0000\\u2028\\u202e\\ud800g\n");
    }

    @Test
    void anErrorCarriesItsStackTrace() {
        IllegalStateException error = new IllegalStateException("broken" + ESC);
        error.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "c", "B.java", 7)});
        assertThat(Logging.line(Logging.Format.JSON, TIME, Level.ERROR, "x", "failed", List.of(), error))
                .isEqualTo("{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"ERROR\",\"logger\":\"x\","
                        + "\"message\":\"failed\",\"fields\":{},\"error\":\"java.lang.IllegalStateException: "
                        + "broken\\u001b\\n\\tat a.B.c(B.java:7)\\n\"}\n");
        assertThat(Logging.line(Logging.Format.TEXT, TIME, Level.ERROR, "x", "failed", List.of(), error))
                .isEqualTo("2026-12-02T17:15:08.120Z [ERROR] x - failed\n"
                        + "java.lang.IllegalStateException: broken\\u001b\n\tat a.B.c(B.java:7)\n");
    }

    @Test
    void theLevelIsWarnWithServesRequestLogAtInfoUnlessOneIsSet() {
        Logging.Config byDefault = Logging.Config.of(Settings.load(Map.of("XDG_CONFIG_HOME", "/nonexistent-statekeeper-test")).inspect());
        assertThat(byDefault).isEqualTo(Logging.Config.DEFAULT);
        assertThat(byDefault.enabled("com.zaxxer.hikari.HikariDataSource", Level.INFO)).isFalse();
        assertThat(byDefault.enabled("com.zaxxer.hikari.HikariDataSource", Level.WARN)).isTrue();
        assertThat(byDefault.enabled("dev.statekeeper.server.RequestLog", Level.INFO)).isTrue();
        assertThat(byDefault.enabled("dev.statekeeper.server.RequestLog", Level.DEBUG)).isFalse();

        Logging.Config error = Logging.Config.of(settings("STATEKEEPER_LOG_LEVEL", " ERROR "));
        assertThat(error).isEqualTo(new Logging.Config(Level.ERROR, true, Logging.Format.TEXT));
        assertThat(error.enabled("dev.statekeeper.server.RequestLog", Level.INFO)).isFalse();
        assertThat(error.enabled("dev.statekeeper.server.RequestLog", Level.WARN)).isFalse();
        Logging.Config debug = Logging.Config.of(settings("STATEKEEPER_LOG_LEVEL", "debug"));
        assertThat(debug.enabled("org.flywaydb.core.Flyway", Level.DEBUG)).isTrue();
        assertThat(debug.enabled("org.flywaydb.core.Flyway", Level.TRACE)).isFalse();
        assertThat(Logging.Config.of(settings("STATEKEEPER_LOG_FORMAT", "Json")).format()).isEqualTo(Logging.Format.JSON);
    }

    @Test
    void badValuesLeaveTheDefaultsForTheCommandToRefuse() {
        assertThat(Logging.Config.of(settings("STATEKEEPER_LOG_LEVEL", "loud"))).isEqualTo(Logging.Config.DEFAULT);
        assertThat(Logging.Config.of(settings("STATEKEEPER_LOG_LEVEL", "trace"))).isEqualTo(Logging.Config.DEFAULT);
        assertThat(Logging.Config.of(settings("STATEKEEPER_LOG_FORMAT", "x".repeat(100_000))))
                .isEqualTo(Logging.Config.DEFAULT);
        assertThat(Logging.Config.of(settings("STATEKEEPER_LOG_FORMAT", ESC + "[2J"))).isEqualTo(Logging.Config.DEFAULT);
    }

    @Test
    void slf4jLoggersWriteThroughTheProviderAtTheConfiguredLevel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Logging.Config before = Logging.config();
        Logging.configure(new Logging.Config(Level.INFO, true, Logging.Format.JSON),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(TIME, ZoneOffset.UTC));
        try {
            Logger log = LoggerFactory.getLogger("test.LoggingTest");
            assertThat(log).isInstanceOf(StatekeeperLogger.class);
            log.debug("not shown");
            log.info("loop {} created", "l-1");
            log.atWarn().addKeyValue("loop", "l-2").log("slow");
        } finally {
            Logging.configure(before, null, Clock.systemUTC());
        }
        // other test classes run alongside and may log too: only this logger's lines are this test's
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"test.LoggingTest\"")))
                .containsExactly(
                        "{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"INFO\",\"logger\":\"test.LoggingTest\","
                                + "\"message\":\"loop l-1 created\",\"fields\":{}}",
                        "{\"time\":\"2026-12-02T17:15:08.120Z\",\"level\":\"WARN\",\"logger\":\"test.LoggingTest\","
                                + "\"message\":\"slow\",\"fields\":{\"loop\":\"l-2\"}}");
    }

    @Test
    void theCommandLinesLogIsJsonLinesWhenToldSo() throws Exception {
        // every store operation is slow at 1 ms: the operation log warns of them, one line each
        ProcessBuilder builder = new ProcessBuilder(SecondJvm.command(Main.class, "loop", "create", "--project", "p",
                "--type", "spec")).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("STATEKEEPER_BACKEND", "sqlite");
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().remove("STATEKEEPER_CONFIG");
        builder.environment().put("STATEKEEPER_SLOW_OPERATION_MS", "1");
        builder.environment().put("STATEKEEPER_LOG_FORMAT", "json");
        builder.environment().put("STATEKEEPER_LOG_LEVEL", "warn");
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).matches(
                "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"WARN\","
                        + "\"logger\":\"[a-zA-Z.]+\",\"message\":\"slow operation: .*\",\"fields\":\\{}}"));
    }

    private static Settings settings(String variable, String value) {
        return Settings.load(Map.of(variable, value, "XDG_CONFIG_HOME", "/nonexistent-statekeeper-test")).inspect();
    }
}
