package dev.statekeeper.bench.doctor;

import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.common.CommonChecks;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedBackendTest {

    @Test
    void countsEveryExecuteOfTheStatementsOfTheWrappedConnection() throws Exception {
        Path dir = TempDirs.create();
        AtomicLong counter = new AtomicLong();
        try (Connection real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Connection counting = CountingConnection.wrap(real, counter)) {
            try (Statement s = counting.createStatement()) {
                s.execute("CREATE TABLE t (a INTEGER)");
                s.executeUpdate("INSERT INTO t VALUES (1)");
            }
            try (PreparedStatement p = counting.prepareStatement("SELECT a FROM t WHERE a = ?")) {
                p.setInt(1, 1);
                p.executeQuery().close();
            }
            assertThat(counter.get()).isEqualTo(3);
            assertThat(counting.unwrap(SQLiteConnection.class)).isSameAs(real.unwrap(SQLiteConnection.class));
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Test
    void timesEveryCheckOfTheBackendAndLeavesTheReportAsItIs() throws Exception {
        try (SqliteFixture fixture = SqliteFixture.create(100)) {
            TimedBackend<?> timed = TimedBackend.of("sqlite");
            DoctorReport report = Doctor.run(timed, fixture.settings(), Clock.systemUTC(), Selection.all());
            Map<String, TimedBackend.Sample> samples = timed.take();
            DoctorReport plain = Doctor.run(fixture.settings(), Clock.systemUTC(), Selection.all());

            List<String> own = new ArrayList<>(Doctor.checkIds(fixture.settings()));
            CommonChecks.all().forEach(c -> own.remove(c.id()));
            assertThat(samples.keySet()).containsExactlyElementsOf(own);
            assertThat(samples.get(Connected.ID).statements()).isEqualTo(-1);
            assertThat(samples.get("journal-mode").statements()).isPositive();
            assertThat(samples.get("disk-space").statements()).isZero();
            assertThat(statuses(report)).isEqualTo(statuses(plain));
            assertThat(timed.take()).isEmpty();
        }
    }

    @Test
    void aHandleOfAnotherShapeFailsNamingItsClass() {
        assertThatThrownBy(() -> CountingHandles.counting(new Object(), new AtomicLong()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("java.lang.Object has 0 Connection fields, not 1");
    }

    private static List<String> statuses(DoctorReport report) {
        return report.checks().stream().map(c -> c.id() + "=" + c.status().wire() + severity(c)).toList();
    }

    private static String severity(CheckResult c) {
        return c.severity() == null ? "" : " " + c.severity();
    }
}
