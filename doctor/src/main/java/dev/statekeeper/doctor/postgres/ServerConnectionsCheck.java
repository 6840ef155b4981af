package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code server-connections}: the server's client connections, of every database and application (another
 * application's pool exhausting the server stops Statekeeper too), against the slots an ordinary role may use:
 * {@code max_connections} less {@code superuser_reserved_connections} and (16+) {@code reserved_connections}. P2
 * from STATEKEEPER_DOCTOR_PG_CONNECTIONS_PERCENT, P1 from STATEKEEPER_DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT (seed
 * 003: pool usage under 80 %). Counting sessions needs no privilege.
 */
final class ServerConnectionsCheck extends PostgresCheck {
    ServerConnectionsCheck() {
        super("server-connections", "The server has free connection slots", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        long[] counts = handle.first("""
                SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                       current_setting('max_connections')::int,
                       current_setting('superuser_reserved_connections')::int,
                       coalesce(current_setting('reserved_connections', true), '0')::int""",
                r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)}).orElseThrow();
        long clients = counts[0];
        long usable = Math.max(1, counts[1] - counts[2] - counts[3]);
        double percent = Math.round(clients * 1000.0 / usable) / 10.0;
        int warn = context.integer(Setting.DOCTOR_PG_CONNECTIONS_PERCENT);
        int critical = context.integer(Setting.DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT);
        Map<String, Long> byDatabase = new LinkedHashMap<>();
        handle.list("SELECT coalesce(datname, '(none)'), count(*) FROM pg_stat_activity WHERE backend_type = "
                + "'client backend' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5", r -> byDatabase.put(r.getString(1),
                r.getLong(2)));
        CheckResult.Builder result = CheckResult.of(this).evidence("clientConnections", clients)
                .evidence("maxConnections", counts[1]).evidence("reserved", counts[2] + counts[3])
                .evidence("usable", usable).evidence("percent", percent).evidence("byDatabase", byDatabase)
                .threshold("client connections < " + warn + " % of the usable slots ("
                        + context.named(Setting.DOCTOR_PG_CONNECTIONS_PERCENT) + "; P1 from " + critical + " %, "
                        + context.named(Setting.DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT) + ")");
        String said = clients + " client connections of " + usable + " usable slots (" + percent + " %)";
        if (percent < Math.min(warn, critical)) {
            return result.ok(said);
        }
        return result.runbook("find who holds them: SELECT datname, usename, application_name, state, count(*) FROM "
                        + "pg_stat_activity GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC; many idle ones mean pools larger than "
                        + "needed or leaked connections (lower DATABASE_POOL_MAX_SIZE, and the other applications' "
                        + "pools), idle in transaction ones a leak (see idle-in-transaction); put a pooler such as "
                        + "PgBouncer in front, or raise max_connections (a restart) when the load is real")
                .finding(percent >= critical ? Severity.P1 : Severity.P2, said + ": new connections fail once the "
                        + "rest are taken");
    }
}
