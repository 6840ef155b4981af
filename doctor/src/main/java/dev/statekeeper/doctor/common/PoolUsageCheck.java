package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.util.Optional;

/**
 * {@code pool-usage}: the connection pool of the process that serves the store (seed 000's pool exhaustion: all
 * connections in use, requests hang for the pool timeout and then fail; seed 003: pool utilization under 80 %),
 * read from the live store ({@link CheckContext#pool()}) at the moment of the run. P1 when a caller waits for a
 * connection, or when the connections lent out reach STATEKEEPER_DOCTOR_POOL_CRITICAL_PERCENT (100: every one, the
 * next caller waits) of the pool's maximum; P2 from STATEKEEPER_DOCTOR_POOL_PERCENT. Outside the serving process
 * (the CLI's {@code doctor}, whose own pool is fresh and idle) it is skipped, naming where to ask. It needs no
 * connection of the doctor's: the counts are in the serving process's memory, and say the most when the database
 * cannot be reached.
 */
final class PoolUsageCheck implements Check<Object> {
    static final String ID = "pool-usage";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "The store's connection pool has free connections";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) {
        int warn = context.integer(Setting.DOCTOR_POOL_PERCENT);
        int critical = context.integer(Setting.DOCTOR_POOL_CRITICAL_PERCENT);
        CheckResult.Builder result = CheckResult.of(this)
                .threshold("connections in use < " + warn + " % of the pool's maximum ("
                        + context.named(Setting.DOCTOR_POOL_PERCENT) + "; P1 from " + critical + " %, "
                        + context.named(Setting.DOCTOR_POOL_CRITICAL_PERCENT) + ", or when a caller waits)");
        if (!context.serving()) {
            return result.skipped("only the process that serves the store knows how its pool fares (this command's "
                    + "own pool is new and idle): run it there, GET /api/v1/doctor?check=pool-usage on the running "
                    + "'statekeeper serve', or the MCP tool run_doctor");
        }
        Optional<PoolStats> counts = context.pool();
        if (counts.isEmpty()) {
            return result.skipped("the " + context.settings().backend() + " store reports no pool counts (no pool, "
                    + "or an application's DataSource that does not say)");
        }
        PoolStats pool = counts.get();
        double percent = Math.round(pool.active() * 1000.0 / pool.max()) / 10.0;
        result.evidence("active", pool.active()).evidence("idle", pool.idle()).evidence("waiting", pool.waiting())
                .evidence("max", pool.max()).evidence("percent", percent);
        String said = pool.active() + " of " + pool.max() + " connections of the pool in use (" + percent + " %), "
                + (pool.waiting() == 0 ? "none" : pool.waiting() + (pool.waiting() == 1 ? " caller" : " callers"))
                + " waiting for one";
        boolean waiting = pool.waiting() > 0;
        boolean overCritical = pool.active() * 100L >= (long) critical * pool.max();
        boolean overWarn = pool.active() * 100L >= (long) Math.min(warn, critical) * pool.max();
        if (!waiting && !overWarn) {
            return result.ok(said);
        }
        String timeout = context.settings().raw(Setting.POOL_TIMEOUT).trim();
        result.runbook("find what holds the connections: a long transaction, or a statement waiting for a lock, keeps "
                + "its connection until it ends (see long-running-queries, idle-in-transaction and blocked-queries; "
                + "SELECT pid, state, xact_start, wait_event_type, left(query, 200) FROM pg_stat_activity WHERE "
                + "application_name = 'statekeeper' ORDER BY xact_start); a connection never given back is a leak, "
                + "logged with where it was taken after DATABASE_LEAK_DETECTION_THRESHOLD; when the load is real, "
                + "raise DATABASE_POOL_MAX_SIZE (the pool's maximum now: " + pool.max() + ", at most 100) within the "
                + "server's free slots (see server-connections), or send fewer requests at once; a caller waits "
                + "DATABASE_POOL_TIMEOUT=" + timeout + " s for a connection, then fails");
        if (waiting) {
            return result.finding(Severity.P1, said + ": each waits up to " + timeout
                    + " s (DATABASE_POOL_TIMEOUT), then fails");
        }
        if (overCritical) {
            return result.finding(Severity.P1, said + (pool.active() >= pool.max()
                    ? ": the pool is exhausted, the next caller waits" : ": the pool is nearly exhausted"));
        }
        return result.finding(Severity.P2, said + ": the pool is nearly exhausted");
    }
}
