package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server of its own with max_connections = 10 (3 of them reserved for superusers): filled by another application's
 * connections, server-connections is P1 for the superuser doctor, and a plain role's doctor cannot connect at all.
 */
class PostgresSmallServerTest {
    @Test
    void aServerFilledByAnotherApplicationIsP1AndRefusesAPlainRole() throws Exception {
        PostgresServer server = PostgresServer.startPrivate(Map.of("max_connections", "10"));
        String database = server.createDatabase();
        server.execute("postgres", "CREATE ROLE small_app LOGIN");
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                held.add(server.connect(database));
            }
            CheckResult slots = PgDatabases.check(PgDatabases.settingsAs(server.url(database)), "server-connections");

            assertThat(slots.severity()).as(slots.message()).isEqualTo(Severity.P1);
            assertThat(slots.message()).isEqualTo("7 client connections of 7 usable slots (100.0 %): new connections "
                    + "fail once the rest are taken");
            assertThat(slots.evidence()).containsEntry("maxConnections", 10L).containsEntry("usable", 7L);

            held.add(server.connect(database));
            Settings plain = PgDatabases.settingsAs("postgresql://small_app@localhost:" + server.port() + "/" + database);
            DoctorReport refused = Doctor.run(plain, PgDatabases.CLOCK, Selection.all());

            CheckResult connection = refused.check("connection").orElseThrow();
            assertThat(connection.severity()).isEqualTo(Severity.P0);
            assertThat(connection.message()).startsWith("cannot connect to PostgreSQL database '" + database + "' at "
                    + "localhost:" + server.port() + " as 'small_app': the server has no free connection slot (FATAL: ");
            assertThat(connection.runbook()).startsWith("every usable connection is taken: find who holds them");
            assertThat(refused.reachable()).isFalse();
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}
