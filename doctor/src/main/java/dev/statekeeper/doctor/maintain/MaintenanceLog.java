package dev.statekeeper.doctor.maintain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code db maintain} records its runs, and what the doctor's {@code maintenance-age} reads back: SQLite and
 * PostgreSQL the {@code maintenance_log} table (migrations V5 and V7), json the sidecar {@code state.json.maintenance}
 * beside the file (one JSON object per line, the last {@value #JSON_KEPT} runs).
 */
public final class MaintenanceLog {
    static final int JSON_KEPT = 100;
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private MaintenanceLog() {
    }

    /**
     * What the log and the store say: when the last maintenance that ended ok started (empty: none recorded, or a
     * schema from before the log), and when the store was first and last written (empty: nothing written yet).
     */
    public record Activity(Optional<Instant> lastMaintenance, Optional<Instant> firstWrite, Optional<Instant> lastWrite) {
    }

    /** Reads the activity of the settings' store on a read-only connection of its own. */
    public static Activity activity(Settings settings) throws IOException, SQLException {
        return switch (settings.backend()) {
            case "sqlite" -> {
                try (Connection c = SqliteMaintenance.connection(SqliteMaintenance.existing(settings), settings, true)) {
                    yield sql(c, true);
                }
            }
            case "postgres" -> {
                try (Connection c = PostgresConnect.open(settings, true, PostgresConnect.DOCTOR)) {
                    yield sql(c, false);
                }
            }
            case "json" -> json(JsonMaintenance.file(settings));
            default -> new Activity(Optional.empty(), Optional.empty(), Optional.empty());
        };
    }

    /** The sidecar log of a json store. */
    public static Path jsonLog(Path file) {
        return file.resolveSibling(file.getFileName() + ".maintenance");
    }

    static void appendJson(Path file, MaintenanceRun run) throws IOException {
        Path log = jsonLog(file);
        List<String> lines = new ArrayList<>(Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8)
                : List.of());
        lines.add(JSON.writeValueAsString(run));
        List<String> kept = lines.subList(Math.max(0, lines.size() - JSON_KEPT), lines.size());
        Path temp = log.resolveSibling(log.getFileName() + ".tmp");
        Files.write(temp, kept, StandardCharsets.UTF_8);
        Files.move(temp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Activity sql(Connection c, boolean micros) throws SQLException {
        Optional<Instant> last = Optional.empty();
        if (hasLog(c, micros)) {
            last = time(c, "SELECT max(started_at) FROM maintenance_log WHERE result = 'ok'", micros);
        }
        return new Activity(last, time(c, "SELECT min(created_at) FROM loop_states", micros),
                time(c, "SELECT max(created_at) FROM loop_states", micros));
    }

    private static boolean hasLog(Connection c, boolean sqlite) throws SQLException {
        String sql = sqlite ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'maintenance_log'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_name = 'maintenance_log'";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    private static Optional<Instant> time(Connection c, String sql, boolean micros) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return Optional.empty();
            }
            if (micros) {
                long value = r.getLong(1);
                return r.wasNull() ? Optional.empty()
                        : Optional.of(Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                        Math.floorMod(value, 1_000_000L) * 1000));
            }
            Timestamp t = r.getTimestamp(1);
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        }
    }

    /** A json store: the log's last ok run; the file's creation and last modification as its first and last write. */
    private static Activity json(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Activity(Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Instant> last = Optional.empty();
        Path log = jsonLog(file);
        if (Files.isRegularFile(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Optional<Instant> ok = lastOk(line);
                if (ok.isPresent()) {
                    last = ok;
                }
            }
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Activity(last, Optional.of(attributes.creationTime().toInstant()),
                Optional.of(attributes.lastModifiedTime().toInstant()));
    }

    /** The start of a logged run that ended ok; empty for another line (a damaged one included). */
    private static Optional<Instant> lastOk(String line) {
        try {
            JsonNode run = JSON.readTree(line);
            if (run == null || !"ok".equals(run.path("result").asText()) || run.path("dryRun").asBoolean()) {
                return Optional.empty();
            }
            return Optional.of(Instant.parse(run.path("startedAt").asText()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
