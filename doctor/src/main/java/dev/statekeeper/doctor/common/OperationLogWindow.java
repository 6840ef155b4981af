package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;

import java.time.Duration;
import java.util.List;

/** The operation log's last hour as slow-operations and error-rate read it, or why there is none to read. */
record OperationLogWindow(List<OperationStats> stats, OperationLog log, String skipReason) {
    static OperationLogWindow lastHour(CheckContext context) {
        OperationLog log = context.operationLog().orElse(null);
        String backend = context.settings().backend();
        if (log == null && !Backends.named(backend).map(StateStoreProvider::durable).orElse(true)) {
            return new OperationLogWindow(List.of(), null, "the " + backend + " store keeps no operation log "
                    + "outside the process that serves it: run the doctor there (GET /api/v1/doctor, run_doctor)");
        }
        if (log == null) {
            return new OperationLogWindow(List.of(), null, "no operation log to read: the store could not be "
                    + "opened (see the connection and migrations checks)");
        }
        return new OperationLogWindow(log.stats(context.now().minus(Duration.ofHours(1)), null), log, null);
    }

    void describe(CheckResult.Builder result) {
        result.evidence("window", "1h").evidence("persistent", log.persistent());
        if (log.problem() != null) {
            result.evidence("logProblem", log.problem());
        }
    }
}
