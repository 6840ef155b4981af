package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's disk space (its data directory, seen from this machine) and replication (a slot nobody uses). */
class PostgresServerChecksTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void theDiskSpaceOfALocalServersDataDirectoryIsChecked() throws Exception {
        String directory;
        try (Connection c = PgDatabases.server().connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW data_directory")) {
            r.next();
            directory = r.getString(1);
        }

        CheckResult result = PgDatabases.check(settings, "disk-space");

        assertThat(result.status()).as(result.message()).isIn(CheckStatus.OK, CheckStatus.FINDING);
        assertThat(result.evidence()).containsEntry("path", directory).containsKeys("freeBytes", "totalBytes");
        assertThat(result.message()).contains("% free on the file system of '" + directory + "'");
    }

    @Test
    void aPlainRoleIsToldTheGrantForTheDataDirectory() {
        String role = PgDatabases.plainRole();

        CheckResult result = PgDatabases.check(PgDatabases.settingsAs("postgresql://" + role + "@localhost:"
                + PgDatabases.server().port() + "/" + database), "disk-space");

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.skipReason()).isEqualTo("the role '" + role + "' may not read data_directory (it needs "
                + "pg_read_all_settings); a superuser can let it: GRANT pg_monitor TO " + role + ";");
    }

    @Test
    void aSlotNobodyUsesIsP2OverTheFloor() throws Exception {
        String slot = "doctor_slot_" + ProcessHandle.current().pid();
        PgDatabases.sql(database, "SELECT pg_create_physical_replication_slot('" + slot + "', true)");
        try {
            CheckResult ok = PgDatabases.check(settings, "replication");
            CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_SLOT_RETAINED_MB, 0),
                    "replication");

            assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);
            PgDatabases.assertFinding(result, Severity.P2, "1 inactive replication slot(s) hold WAL back; '" + slot
                    + "' holds 0 MiB");
            assertThat(result.fix().action()).isEqualTo("SELECT pg_drop_replication_slot('" + slot + "');");
            assertThat(result.evidence().get("slots").toString()).contains("slot=" + slot, "active=false");
        } finally {
            PgDatabases.sql(database, "SELECT pg_drop_replication_slot('" + slot + "')");
        }
        PgDatabases.assertOk(PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_SLOT_RETAINED_MB, 0),
                "replication"), "no standbys and no replication slots");
    }
}
