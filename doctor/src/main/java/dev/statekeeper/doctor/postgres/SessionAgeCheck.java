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
 * Sessions of the database that have been in one state too long, from pg_stat_activity (other roles' sessions need
 * pg_read_all_stats): {@code long-running-queries} (state active, aged from {@code query_start}) and
 * {@code idle-in-transaction} (aged from {@code state_change}, the end of its last statement, not
 * {@code xact_start}: a transaction that works steadily for minutes is not idle). P2 over the first threshold, P1
 * over the second. Client backends of this database only, the doctor's own session left out.
 */
final class SessionAgeCheck extends PostgresCheck {
    private static final int SHOWN = 10;

    private final String states;
    private final String since;
    private final Setting warn;
    private final Setting critical;
    private final String what;
    private final String runbook;
    private final Fix fix;

    private SessionAgeCheck(String id, String title, String states, String since, Setting warn, Setting critical,
                            String what, String runbook, Fix fix) {
        super(id, title, true);
        this.states = states;
        this.since = since;
        this.warn = warn;
        this.critical = critical;
        this.what = what;
        this.runbook = runbook;
        this.fix = fix;
    }

    static SessionAgeCheck longRunningQueries() {
        return new SessionAgeCheck("long-running-queries", "No statement runs for long", "'active'", "query_start",
                Setting.DOCTOR_PG_LONG_QUERY, Setting.DOCTOR_PG_LONG_QUERY_CRITICAL, "running a statement",
                "a long statement holds its locks and its snapshot (vacuum cannot remove rows dead since it began): see "
                        + "what it runs and what it waits for (wait_event in pg_stat_activity), EXPLAIN (ANALYZE, BUFFERS) "
                        + "it to find a missing index or a plan gone bad, and when it is safe cancel it; set a "
                        + "statement_timeout for the role that sent it",
                Fix.manual("SELECT pg_cancel_backend(<pid>);", "nothing to undo: the statement fails with 'canceling "
                        + "statement due to user request' and its client may run it again"));
    }

    static SessionAgeCheck idleInTransaction() {
        return new SessionAgeCheck("idle-in-transaction", "No session sits idle in an open transaction",
                "'idle in transaction', 'idle in transaction (aborted)'", "state_change",
                Setting.DOCTOR_PG_IDLE_IN_TRANSACTION, Setting.DOCTOR_PG_IDLE_IN_TRANSACTION_CRITICAL,
                "idle in an open transaction",
                "a session idle in a transaction keeps its locks (blocking writers and DDL) and holds back vacuum; it is "
                        + "usually a connection leak or code that waits on something else between statements: find "
                        + "the application (application_name, client_addr) and its last statement (query), fix it to "
                        + "commit or roll back; idle_in_transaction_session_timeout for its role ends such sessions; "
                        + "ending one now rolls its transaction back",
                Fix.manual("SELECT pg_terminate_backend(<pid>);", "none: the transaction's uncommitted changes are "
                        + "rolled back and the application must reconnect"));
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        Duration low = min(context.seconds(warn), context.seconds(critical));
        Duration high = context.seconds(critical);
        CheckResult.Builder result = CheckResult.of(this).threshold(what + " <= " + seconds(context.seconds(warn))
                + " s (" + context.named(warn) + "); P1 over " + seconds(high) + " s (" + context.named(critical) + ")");
        if (!handle.readsAllStats()) {
            return needsMonitor(result, handle, "the state and query of other roles' sessions");
        }
        List<Map<String, Object>> sessions = handle.list("SELECT pid, usename, application_name, client_addr::text, "
                + since + "::text, EXTRACT(EPOCH FROM now() - " + since + ")::float8, left(query, 200), wait_event_type, "
                + "wait_event, count(*) OVER () FROM pg_stat_activity WHERE datname = current_database() "
                + "AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state IN (" + states + ") AND "
                + since + " < now() - make_interval(secs => ?) ORDER BY " + since + " LIMIT " + SHOWN, r -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("pid", r.getInt(1));
                    s.put("user", r.getString(2));
                    s.put("application", r.getString(3));
                    s.put("client", r.getString(4));
                    s.put(since.equals("query_start") ? "queryStart" : "stateChange", r.getString(5));
                    s.put("seconds", Math.round(r.getDouble(6)));
                    s.put("exact", r.getDouble(6));
                    s.put("query", r.getString(7));
                    s.put("waitEvent", r.getString(8) == null ? null : r.getString(8) + ":" + r.getString(9));
                    s.put("total", r.getLong(10));
                    return s;
                }, low.toMillis() / 1000.0);
        if (sessions.isEmpty()) {
            return result.ok("no session of database '" + handle.url().database() + "' has been " + what + " for more "
                    + "than " + seconds(low) + " s");
        }
        long total = (Long) sessions.getFirst().get("total");
        Map<String, Object> oldest = sessions.getFirst();
        boolean p1 = (Double) oldest.get("exact") > high.toMillis() / 1000.0;
        sessions.forEach(s -> {
            s.remove("total");
            s.remove("exact");
        });
        long age = (Long) oldest.get("seconds");
        return result.evidence("sessions", total).evidence("oldest", sessions)
                .runbook(runbook).fix(fix)
                .finding(p1 ? Severity.P1 : Severity.P2, total + " session(s) " + what
                        + " for more than " + seconds(low) + " s; the oldest, pid " + oldest.get("pid") + " of '"
                        + oldest.get("user") + "' (" + oldest.get("application") + "), for " + age + " s");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }
}
