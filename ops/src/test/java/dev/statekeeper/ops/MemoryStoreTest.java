package dev.statekeeper.ops;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What verify, repair and recover say of the stores that keep nothing on disk, or their own backups. */
class MemoryStoreTest {
    private static final Settings MEMORY = Settings.builder().set(Setting.BACKEND, "memory").build();

    @Test
    void aMemoryStoreHasNothingToVerifyOrRepair() {
        VerifyReport report = Ops.verify(MEMORY, StoreFixture.CLOCK);
        assertThat(report.checked()).isFalse();
        assertThat(report.summary()).isEqualTo("memory store 'in-process memory': nothing to verify (its state lives "
                + "only in the process that holds it)");

        RepairReport repair = Ops.repair(MEMORY, StoreFixture.CLOCK);
        assertThat(repair.changes()).isEmpty();
        assertThat(repair.notes()).containsExactly("nothing to repair");
    }

    @Test
    void recoverIsForFilesOnly() {
        assertThatThrownBy(() -> Ops.recover(MEMORY, StoreFixture.CLOCK, false))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("db recover has nothing to recover in a memory store: it keeps nothing on disk");
        Settings postgres = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, "postgresql://u:secret@db.example/state").build();
        assertThatThrownBy(() -> Ops.recover(postgres, StoreFixture.CLOCK, true))
                .hasMessage("db recover salvages damaged SQLite and json files; a PostgreSQL database is restored from its "
                        + "backups instead (pg_restore of a pg_dump, or point-in-time recovery from archived WAL)");
    }
}
