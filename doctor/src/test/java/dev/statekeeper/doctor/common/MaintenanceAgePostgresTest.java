package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.maintain.Maintenance;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code maintenance-age} on the embedded PostgreSQL, reading the maintenance_log table that db maintain fills. */
class MaintenanceAgePostgresTest {
    private final TestClock clock = new TestClock();

    private CheckResult check(Settings settings) throws Exception {
        return new MaintenanceAgeCheck().run(null, CheckContext.of(settings, clock, Selection.all()));
    }

    @Test
    void p3WhenNoMaintenanceForLongerThanTheThresholdThenOkAfterDbMaintain() throws Exception {
        PostgresServer server = PostgresServer.shared();
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server.url(server.createDatabase())).build();
        try (StateStore store = StateStores.open(settings, clock)) {
            assertThat(check(settings).message()).isEqualTo("no loops written yet: nothing to maintain");
            store.createLoop(new NewLoop("pg", LoopType.SPEC, "pgloop01"));
        }
        clock.advance(Duration.ofDays(9));
        CheckResult stale = check(settings);
        assertThat(stale.severity()).isEqualTo(Severity.P3);
        assertThat(stale.message()).isEqualTo("no maintenance recorded, and the oldest loop is 9 days old");

        assertThat(Maintenance.run(settings, clock, false).ok()).isTrue();
        CheckResult fresh = check(settings);
        assertThat(fresh.status()).isEqualTo(CheckStatus.OK);
        assertThat(fresh.message()).isEqualTo("the last maintenance ran 0 min ago");
    }
}
