package dev.statekeeper.cli;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * Databases as an older build of Statekeeper left them: this build's migrations applied up to the one before the
 * newest (with Flyway's target, as that build's Flyway did), and raw SQL beside them.
 */
final class OldSchemas {
    static final String SQLITE = "classpath:db/migration/sqlite";
    static final String POSTGRES = "classpath:db/migration/postgres";

    /**
     * The newest migration of this build: its version and description, the version of the migration before it
     * (which the older build reached; versions may leave gaps) and how many migrations this build has.
     */
    record Newest(String version, String description, String previous, int migrations) {
    }

    private OldSchemas() {
    }

    /** Creates the file with the migrations up to the one before this build's newest. */
    static Newest sqliteBehindByOne(Path file) {
        return behindByOne(sqlite(file), SQLITE);
    }

    /** Migrates the (empty) database up to the one before this build's newest. */
    static Newest postgresBehindByOne(String jdbcUrl) {
        return behindByOne(postgres(jdbcUrl), POSTGRES);
    }

    /** This build's newest SQLite migration (read against an empty database in memory). */
    static Newest sqliteNewest() {
        SQLiteDataSource memory = new SQLiteDataSource();
        memory.setUrl("jdbc:sqlite::memory:");
        return newest(memory, SQLITE);
    }

    private static Newest behindByOne(DataSource source, String location) {
        Newest newest = newest(source, location);
        flyway(source, location, newest.previous()).migrate();
        return newest;
    }

    private static Newest newest(DataSource source, String location) {
        List<MigrationInfo> all = Arrays.stream(flyway(source, location, null).info().all())
                .sorted(Comparator.comparing(MigrationInfo::getVersion, MigrationVersion::compareTo)).toList();
        MigrationInfo info = all.getLast();
        return new Newest(info.getVersion().getVersion(), info.getDescription(),
                all.get(all.size() - 2).getVersion().getVersion(), all.size());
    }

    static void sqliteSql(Path file, String sql) throws SQLException {
        execute(DriverManager.getConnection("jdbc:sqlite:" + file), sql);
    }

    static void postgresSql(String jdbcUrl, String sql) throws SQLException {
        execute(DriverManager.getConnection(jdbcUrl, "postgres", ""), sql);
    }

    static String sqliteQuery(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static String postgresQuery(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement();
             var rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static DataSource sqlite(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private static DataSource postgres(String jdbcUrl) {
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(jdbcUrl);
        source.setUser("postgres");
        return source;
    }

    private static Flyway flyway(DataSource source, String location, String target) {
        var config = Flyway.configure(OldSchemas.class.getClassLoader()).dataSource(source).locations(location);
        return (target == null ? config : config.target(target)).load();
    }
}
