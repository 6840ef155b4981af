package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code cache-hit-ratio} and {@code index-hit-ratio}: the share of the database's table (index) blocks found in
 * shared buffers rather than read from the operating system (seeds 003/000: over 95 %), computed over a window, never
 * from the lifetime counters alone (which a year of warm cache makes look fine through today's trouble, or a restart
 * the other way): between the counts taken when the doctor connected and now, at least
 * STATEKEEPER_DOCTOR_PG_SAMPLE_INTERVAL apart (it waits for the rest, within the check's time). Fewer than
 * STATEKEEPER_DOCTOR_PG_HIT_RATIO_MIN_BLOCKS blocks in the window, or counters reset within it, is not enough data:
 * skipped. P2 below STATEKEEPER_DOCTOR_PG_HIT_RATIO_PERCENT.
 */
final class HitRatioCheck extends PostgresCheck {
    private final boolean index;

    private HitRatioCheck(String id, String title, boolean index) {
        super(id, title, false);
        this.index = index;
    }

    static HitRatioCheck tables() {
        return new HitRatioCheck("cache-hit-ratio", "Table reads are served from shared buffers", false);
    }

    static HitRatioCheck indexes() {
        return new HitRatioCheck("index-hit-ratio", "Index reads are served from shared buffers", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException, InterruptedException {
        int percent = context.integer(Setting.DOCTOR_PG_HIT_RATIO_PERCENT);
        int floor = context.integer(Setting.DOCTOR_PG_HIT_RATIO_MIN_BLOCKS);
        CheckResult.Builder result = CheckResult.of(this).threshold(">= " + percent + " % of " + (index ? "index" : "table")
                + " blocks found in shared buffers over a window of " + floor + " or more blocks ("
                + context.named(Setting.DOCTOR_PG_HIT_RATIO_PERCENT) + ", "
                + context.named(Setting.DOCTOR_PG_HIT_RATIO_MIN_BLOCKS) + ")");
        Duration interval = context.seconds(Setting.DOCTOR_PG_SAMPLE_INTERVAL);
        long waitNanos = interval.toNanos() - (System.nanoTime() - handle.firstSample().nanos());
        long budget = context.checkTimeout().toNanos() / 2;
        if (waitNanos > budget) {
            return result.skipped("not enough data: the check's time (" + context.named(Setting.DOCTOR_CHECK_TIMEOUT)
                    + ") leaves no room for a window of " + context.named(Setting.DOCTOR_PG_SAMPLE_INTERVAL));
        }
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
        BlockCounts window = BlockCounts.read(handle.connection()).since(handle.firstSample());
        long hit = index ? window.indexHit() : window.tableHit();
        long read = index ? window.indexRead() : window.tableRead();
        long seconds = Math.round(window.nanos() / 1e9);
        result.evidence("windowSeconds", window.nanos() / 1_000_000 / 1000.0).evidence("hitBlocks", hit)
                .evidence("readBlocks", read);
        if (hit < 0 || read < 0) {
            return result.skipped("not enough data: the statistics were reset during the window");
        }
        if (hit + read < floor) {
            return result.skipped("not enough data: " + (hit + read) + " " + (index ? "index" : "table") + " blocks "
                    + "were accessed in the " + seconds + " s window, fewer than "
                    + context.named(Setting.DOCTOR_PG_HIT_RATIO_MIN_BLOCKS));
        }
        double ratio = Math.floor(hit * 1000.0 / (hit + read)) / 10.0;
        result.evidence("hitPercent", ratio);
        String said = ratio + " % of " + (hit + read) + " " + (index ? "index" : "table") + " blocks were found in "
                + "shared buffers in the " + seconds + " s window";
        if (ratio >= percent) {
            return result.ok(said);
        }
        return result.runbook("the working set does not fit in shared_buffers or a query reads far more than it needs: "
                        + "find the queries with the most blocks read (pg_stat_statements: shared_blks_read), add the "
                        + "index they lack or make them read less; when the load is real, raise shared_buffers "
                        + "(about 25 % of memory; a restart) or the server's memory")
                .finding(Severity.P2, "only " + said);
    }
}
