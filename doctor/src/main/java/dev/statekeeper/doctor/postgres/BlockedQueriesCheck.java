package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code blocked-queries}: statements of the database waiting for a lock another session holds
 * ({@code pg_blocking_pids}), with the blocked and the blocking pid, the lock's type, mode and relation, how long it
 * has waited (pg_locks.waitstart) and what the blocker is doing. P2 over STATEKEEPER_DOCTOR_PG_LOCK_WAIT, P1 over
 * STATEKEEPER_DOCTOR_PG_LOCK_WAIT_CRITICAL; needs pg_read_all_stats for other roles' sessions.
 */
final class BlockedQueriesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String QUERY = """
            SELECT a.pid, a.usename, a.application_name, left(a.query, 200),
                   EXTRACT(EPOCH FROM now() - coalesce(l.waitstart, a.state_change))::float8,
                   l.locktype, l.mode, l.relation::regclass::text,
                   b.pid, b.usename, b.application_name, b.state, left(b.query, 200), count(*) OVER ()
            FROM pg_stat_activity a
            JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
            CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS blocker(pid)
            JOIN pg_stat_activity b ON b.pid = blocker.pid
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
              AND coalesce(l.waitstart, a.state_change) < now() - make_interval(secs => ?)
            ORDER BY coalesce(l.waitstart, a.state_change), a.pid, b.pid LIMIT""" + " " + SHOWN;

    BlockedQueriesCheck() {
        super("blocked-queries", "No statement waits long for a lock", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        Duration warn = context.seconds(Setting.DOCTOR_PG_LOCK_WAIT);
        Duration critical = context.seconds(Setting.DOCTOR_PG_LOCK_WAIT_CRITICAL);
        Duration low = warn.compareTo(critical) <= 0 ? warn : critical;
        CheckResult.Builder result = CheckResult.of(this).threshold("lock waits <= "
                + SessionAgeCheck.seconds(warn) + " s (" + context.named(Setting.DOCTOR_PG_LOCK_WAIT) + "); P1 over "
                + SessionAgeCheck.seconds(critical) + " s (" + context.named(Setting.DOCTOR_PG_LOCK_WAIT_CRITICAL) + ")");
        if (!handle.readsAllStats()) {
            return needsMonitor(result, handle, "the state and query of other roles' sessions");
        }
        if (handle.version() < 140000) {
            return needsVersion(result, handle, 140000, "pg_locks.waitstart");
        }
        List<Map<String, Object>> waits = handle.list(QUERY, r -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("blockedPid", r.getInt(1));
            w.put("blockedUser", r.getString(2));
            w.put("blockedApplication", r.getString(3));
            w.put("blockedQuery", r.getString(4));
            w.put("waitSeconds", Math.round(r.getDouble(5)));
            w.put("exact", r.getDouble(5));
            w.put("lockType", r.getString(6));
            w.put("lockMode", r.getString(7));
            w.put("relation", r.getString(8));
            w.put("blockingPid", r.getInt(9));
            w.put("blockingUser", r.getString(10));
            w.put("blockingApplication", r.getString(11));
            w.put("blockingState", r.getString(12));
            w.put("blockingQuery", r.getString(13));
            w.put("total", r.getLong(14));
            return w;
        }, low.toMillis() / 1000.0);
        if (waits.isEmpty()) {
            return result.ok("no statement of database '" + handle.url().database() + "' has waited for a lock for more "
                    + "than " + SessionAgeCheck.seconds(low) + " s");
        }
        long total = (Long) waits.getFirst().get("total");
        Map<String, Object> first = waits.getFirst();
        boolean p1 = (Double) first.get("exact") > critical.toMillis() / 1000.0;
        waits.forEach(w -> {
            w.remove("total");
            w.remove("exact");
        });
        long waited = (Long) first.get("waitSeconds");
        return result.evidence("waits", total).evidence("longest", waits)
                .runbook("the blocking session holds the lock until its transaction ends: when it is idle in "
                        + "transaction its application forgot to commit (see idle-in-transaction); when it runs a long "
                        + "statement or DDL, wait for it or cancel it when safe; then find why the two touch the same "
                        + "rows or table at once, and keep transactions short")
                .fix(Fix.manual("SELECT pg_cancel_backend(" + first.get("blockingPid") + ");  -- or "
                        + "pg_terminate_backend when it is idle in transaction", "nothing to undo: the blocker's "
                        + "statement (or transaction) fails and its client may retry"))
                .finding(p1 ? Severity.P1 : Severity.P2, total + " lock wait(s) longer than "
                        + SessionAgeCheck.seconds(low) + " s; pid " + first.get("blockedPid") + " has waited " + waited
                        + " s for a " + first.get("lockMode") + " " + first.get("lockType") + " lock held by pid "
                        + first.get("blockingPid") + " (" + first.get("blockingState") + ")");
    }
}
