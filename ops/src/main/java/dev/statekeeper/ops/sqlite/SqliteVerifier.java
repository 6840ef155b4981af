package dev.statekeeper.ops.sqlite;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.VerifyReport;
import dev.statekeeper.ops.sql.Jdbc;
import dev.statekeeper.ops.sql.Migrations;
import dev.statekeeper.ops.sql.RowChecks;
import dev.statekeeper.ops.sql.SqlFlavor;
import org.flywaydb.core.api.MigrationVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code db verify} of a SQLite file, over a read-only connection of its own (a damaged file cannot be opened as
 * a store, and verify never writes): the integrity check, the schema version against this build's migrations and
 * their checksums, foreign keys, and the checks of the records. When the file's pages are damaged the record
 * checks are skipped: their answers would not mean much, and {@code db recover} is the way on.
 */
public final class SqliteVerifier {
    /** The report, and what repair must know: whether the file exists and what kind of damage it has. */
    record Inspection(VerifyReport report, boolean exists, boolean pagesDamaged, boolean indexesDamaged) {
    }

    private SqliteVerifier() {
    }

    public static VerifyReport verify(Path file, int historySize) {
        return inspect(file, historySize).report();
    }

    static Inspection inspect(Path file, int historySize) {
        Path absolute = file.toAbsolutePath();
        String location = absolute.toString();
        List<Finding> findings = new ArrayList<>();
        if (!Files.exists(absolute)) {
            findings.add(Finding.error(Check.FILE, location, "the sqlite database does not exist",
                    "create it with 'statekeeper init', or put a backup in its place"));
            return new Inspection(report(location, findings), false, false, false);
        }
        IntegrityCheck.Result integrity = new IntegrityCheck.Result(List.of(), false, false);
        try (Connection c = SqliteFiles.readOnly(absolute)) {
            integrity = IntegrityCheck.run(c, absolute);
            findings.addAll(integrity.findings());
            int version = Math.toIntExact(Jdbc.number(c, "PRAGMA user_version"));
            if (Jdbc.number(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'loop_states'") == 0) {
                findings.add(Finding.error(Check.SCHEMA, location, "the file has no Statekeeper tables (schema version "
                        + version + ")", "create them with 'statekeeper init'"));
            } else if (integrity.pagesDamaged()) {
                findings.add(Finding.warning(Check.RECORDS, location, "the checks of the migrations and records were "
                        + "skipped: the file's pages are damaged", IntegrityCheck.RECOVER));
            } else {
                findings.addAll(schema(absolute, version));
                findings.addAll(foreignKeys(c, location));
                findings.addAll(RowChecks.find(c, SqlFlavor.SQLITE, historySize, IntegrityCheck.RECOVER));
            }
        } catch (SQLException e) {
            findings.add(Finding.error(Check.FILE, location, "cannot be read as a SQLite database: " + e.getMessage(),
                    IntegrityCheck.RECOVER));
            integrity = new IntegrityCheck.Result(List.of(), true, integrity.indexesDamaged());
        }
        return new Inspection(report(location, findings), true, integrity.pagesDamaged(), integrity.indexesDamaged());
    }

    /** PRAGMA user_version (what the store reads on open) against this build's newest migration, then checksums. */
    private static List<Finding> schema(Path file, int version) {
        Migrations migrations = Migrations.of(SqliteFiles.dataSource(file, true, Duration.ofSeconds(5)),
                SqliteFiles.MIGRATIONS);
        List<Finding> findings = new ArrayList<>(Migrations.compare(file.toString(),
                MigrationVersion.fromVersion(String.valueOf(version)), migrations.latest()));
        findings.addAll(migrations.drift(file.toString()));
        return findings;
    }

    /**
     * PRAGMA foreign_key_check, for foreign keys the orphan checks do not know (a schema changed by hand): the ones
     * they know are reported by them, with the missing key.
     */
    private static List<Finding> foreignKeys(Connection c, String location) {
        Set<String> covered = RowChecks.coveredForeignKeys();
        Map<String, Integer> unexpected = new LinkedHashMap<>();
        try {
            for (String pair : Jdbc.list(c, "PRAGMA foreign_key_check", row -> row.getString(1) + " -> " + row.getString(3))) {
                if (!covered.contains(pair)) {
                    unexpected.merge(pair, 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            return List.of(Finding.error(Check.FOREIGN_KEYS, location, "PRAGMA foreign_key_check could not run: "
                    + e.getMessage(), IntegrityCheck.RECOVER));
        }
        List<Finding> findings = new ArrayList<>();
        unexpected.forEach((pair, rows) -> findings.add(Finding.error(Check.FOREIGN_KEYS, pair,
                rows + " row(s) refer to a missing parent row (PRAGMA foreign_key_check)",
                "delete or correct them by hand; this build's schema has no such foreign key")));
        return findings;
    }

    private static VerifyReport report(String location, List<Finding> findings) {
        return new VerifyReport("sqlite", location, true, findings);
    }
}
