package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statement caches belong to the connections of a pool built over a caching data source, on a real SQLite
 * file: each connection has its own, kept while the pool keeps the connection, closed with it; a connection from
 * anywhere else has none.
 */
class StatementCacheTest {
    @TempDir
    Path dir;

    private SQLiteDataSource file() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
        return source;
    }

    private HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(StatementCache.caching(file()));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    @Test
    void aPooledConnectionKeepsItsStatementsAcrossBorrowsAndThePoolClosesThem() throws Exception {
        PreparedStatement kept;
        try (HikariDataSource pool = pool(1)) {
            try (Connection c = pool.getConnection()) {
                assertThat(Sql.number(c, "SELECT 41 + ?", 1)).isEqualTo(42);
                kept = StatementCache.of(c).get("SELECT 41 + ?");
            }
            try (Connection again = pool.getConnection()) {
                assertThat(Sql.number(again, "SELECT 41 + ?", 2)).isEqualTo(43);
                assertThat(StatementCache.of(again).get("SELECT 41 + ?")).isSameAs(kept);
            }
            assertThat(kept.isClosed()).isFalse();
        }
        assertThat(kept.isClosed()).as("closed with the pool that owned its connection").isTrue();
    }

    @Test
    void eachConnectionAndEachPoolHasCachesOfItsOwn() throws Exception {
        try (HikariDataSource pool = pool(2); HikariDataSource other = pool(1);
             Connection a = pool.getConnection(); Connection b = pool.getConnection();
             Connection c = other.getConnection()) {
            PreparedStatement onA = StatementCache.of(a).get("SELECT 1");
            assertThat(StatementCache.of(b)).isNotSameAs(StatementCache.of(a));
            assertThat(StatementCache.of(b).get("SELECT 1")).isNotSameAs(onA);
            assertThat(StatementCache.of(c).get("SELECT 1")).isNotSameAs(onA);
        }
    }

    @Test
    void aFailedStatementIsPreparedAfreshOnTheNextCall() throws Exception {
        try (HikariDataSource pool = pool(1); Connection c = pool.getConnection()) {
            Sql.execute(c, "CREATE TABLE t (n INTEGER NOT NULL)");
            PreparedStatement insert = StatementCache.of(c).get("INSERT INTO t (n) VALUES (?)");
            assertThatThrownBy(() -> Sql.update(c, "INSERT INTO t (n) VALUES (?)", (Object) null))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint failed "
                            + "(NOT NULL constraint failed: t.n)");
            assertThat(insert.isClosed()).isTrue();
            assertThat(Sql.update(c, "INSERT INTO t (n) VALUES (?)", 7)).isEqualTo(1);
            assertThat(StatementCache.of(c).get("INSERT INTO t (n) VALUES (?)")).isNotSameAs(insert);
        }
    }

    @Test
    void aConnectionFromElsewhereHasNoCacheAndStillRunsStatements() throws Exception {
        try (Connection raw = file().getConnection()) {
            assertThat(StatementCache.of(raw)).isNull();
            assertThat(Sql.number(raw, "SELECT 40 + ?", 2)).isEqualTo(42);
            assertThat(Sql.list(raw, "SELECT 1 UNION ALL SELECT 2", row -> row.getInt(1))).containsExactly(1, 2);
        }
    }
}
