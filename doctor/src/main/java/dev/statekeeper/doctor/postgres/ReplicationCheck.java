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
 * {@code replication}: on a primary, its standbys' replay lag (pg_stat_replication; P2 over
 * STATEKEEPER_DOCTOR_PG_REPLICATION_LAG: a failover would lose or wait for that much) and replication slots nobody
 * uses that hold back WAL (P2 from STATEKEEPER_DOCTOR_PG_SLOT_RETAINED_MB, or once the slot is lost: the disk fills
 * with WAL until the server stops); on a standby, how far behind its own replay is. Needs pg_read_all_stats.
 */
final class ReplicationCheck extends PostgresCheck {
    private static final long MIB = 1024 * 1024;

    ReplicationCheck() {
        super("replication", "Standbys keep up and no slot holds WAL back", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        Duration lag = context.seconds(Setting.DOCTOR_PG_REPLICATION_LAG);
        int retainedMb = context.integer(Setting.DOCTOR_PG_SLOT_RETAINED_MB);
        CheckResult.Builder result = CheckResult.of(this).threshold("replay lag <= " + SessionAgeCheck.seconds(lag)
                + " s (" + context.named(Setting.DOCTOR_PG_REPLICATION_LAG) + "); inactive slots hold back < "
                + retainedMb + " MiB of WAL (" + context.named(Setting.DOCTOR_PG_SLOT_RETAINED_MB) + ")");
        if (!handle.readsAllStats()) {
            return needsMonitor(result, handle, "the standbys' replication state");
        }
        if (handle.version() < 130000) {
            return needsVersion(result, handle, 130000, "pg_replication_slots.wal_status");
        }
        if (handle.number("SELECT pg_is_in_recovery()::int") == 1) {
            return standby(handle, result, lag);
        }
        List<Map<String, Object>> standbys = handle.list("SELECT application_name, client_addr::text, state, "
                + "coalesce(EXTRACT(EPOCH FROM replay_lag), 0)::float8, pg_wal_lsn_diff(pg_current_wal_lsn(), "
                + "replay_lsn)::bigint FROM pg_stat_replication ORDER BY 4 DESC", r -> row("standby", r.getString(1),
                "client", r.getString(2), "state", r.getString(3), "replayLagSeconds", Math.round(r.getDouble(4) * 10) / 10.0,
                "behindBytes", r.getLong(5)));
        List<Map<String, Object>> slots = handle.list("SELECT slot_name, slot_type, active, pg_wal_lsn_diff("
                + "pg_current_wal_lsn(), restart_lsn)::bigint, wal_status FROM pg_replication_slots ORDER BY 4 DESC NULLS "
                + "LAST", r -> row("slot", r.getString(1), "type", r.getString(2), "active", r.getBoolean(3),
                "retainedBytes", r.getLong(4), "walStatus", r.getString(5)));
        result.evidence("standbys", standbys).evidence("slots", slots);
        List<Map<String, Object>> lagging = standbys.stream()
                .filter(s -> (Double) s.get("replayLagSeconds") * 1000 > lag.toMillis()).toList();
        List<Map<String, Object>> holding = slots.stream().filter(s -> !(Boolean) s.get("active")
                && ((Long) s.get("retainedBytes") >= retainedMb * MIB || "lost".equals(s.get("walStatus")))).toList();
        if (lagging.isEmpty() && holding.isEmpty()) {
            return result.ok(standbys.isEmpty() && slots.isEmpty() ? "no standbys and no replication slots"
                    : standbys.size() + " standby(s) keep up; " + slots.size() + " slot(s), none holding WAL back");
        }
        if (!holding.isEmpty()) {
            Map<String, Object> slot = holding.getFirst();
            return result.runbook("a slot keeps every WAL segment its consumer has not confirmed, and nobody is "
                            + "consuming it: bring its standby or logical consumer back, or, when it is gone for good, "
                            + "drop the slot; the WAL it holds fills the disk and then the server stops")
                    .fix(Fix.manual("SELECT pg_drop_replication_slot('" + slot.get("slot") + "');", "the consumer needs "
                            + "a new slot and, for a standby, a fresh base backup"))
                    .finding(Severity.P2, holding.size() + " inactive replication slot(s) hold WAL back; '"
                            + slot.get("slot") + "' holds " + (Long) slot.get("retainedBytes") / MIB + " MiB"
                            + ("lost".equals(slot.get("walStatus")) ? " and is lost" : ""));
        }
        Map<String, Object> worst = lagging.getFirst();
        return result.runbook("the standby replays slower than the primary writes, or its network is slow: look at its "
                        + "load and I/O, long queries on it (hot_standby_feedback, max_standby_streaming_delay), and "
                        + "the network; a failover now would wait for or lose that much")
                .finding(Severity.P2, lagging.size() + " standby(s) lag behind; '" + worst.get("standby") + "' by "
                        + worst.get("replayLagSeconds") + " s");
    }

    private static CheckResult standby(PostgresHandle handle, CheckResult.Builder result, Duration lag)
            throws SQLException {
        double behind = handle.first("SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                + "ELSE coalesce(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8",
                r -> r.getDouble(1)).orElse(0.0);
        result.evidence("standby", true).evidence("replayLagSeconds", Math.round(behind * 10) / 10.0);
        if (behind * 1000 <= lag.toMillis()) {
            return result.ok("this server is a standby and replays " + Math.round(behind) + " s behind its primary");
        }
        return result.runbook("this standby replays slower than its primary writes: look at its load and I/O, long "
                        + "queries on it (max_standby_streaming_delay) and the network; reads from it are that stale")
                .finding(Severity.P2, "this server is a standby " + Math.round(behind) + " s behind its primary");
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
