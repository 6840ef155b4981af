package dev.statekeeper.doctor.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stats-age is a cheap check (healthcheck runs it): the span of a table's rowids must take two b-tree lookups, not
 * a scan. A query with both min() and max() scanned the whole table (212 ms of healthcheck on 1,000,000 loops,
 * BENCHMARKS.md "The doctor").
 */
class StatsAgeQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void theRowidSpanIsTwoSearchesAndNoScan() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("plan.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE loop_states (id TEXT PRIMARY KEY, status TEXT)");
            List<String> plan = new ArrayList<>();
            try (ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + StatsAgeCheck.rowidSpanSql("loop_states"))) {
                while (r.next()) {
                    plan.add(r.getString("detail"));
                }
            }
            assertThat(plan).noneMatch(step -> step.startsWith("SCAN loop_states"));
            assertThat(plan.stream().filter(step -> step.startsWith("SEARCH loop_states"))).hasSize(2);
            assertThat(s.executeQuery(StatsAgeCheck.rowidSpanSql("loop_states")).getLong(1)).isZero();
        }
    }
}
