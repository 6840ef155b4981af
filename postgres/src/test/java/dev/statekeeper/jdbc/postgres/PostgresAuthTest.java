package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failures that need a role with a password: a wrong password (28P01) and a role over its connection limit
 * (53300), produced for real on the embedded server.
 */
class PostgresAuthTest {
    private final TestClock clock = new TestClock();

    private static Settings as(String userInfo, String database) {
        return Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, "postgresql://" + userInfo + "@localhost:" + FreshPostgresStores.server().port()
                        + "/" + database)
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "1").set(Setting.POOL_TIMEOUT, "2").build();
    }

    @Test
    void aWrongPasswordIsAuthenticationFailedNamingTheUserNotThePassword() {
        PostgresServer server = FreshPostgresStores.server();
        server.createPasswordRole("auth_user", "right-password", 5);
        String database = FreshPostgresStores.migratedDatabase();

        assertThatThrownBy(() -> PostgresStateStore.open(as("auth_user:wr0ng-s3cret", database), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessage("open failed on PostgreSQL database '" + database + "' at localhost:" + server.port()
                        + ": authentication failed for user 'auth_user' (FATAL: password authentication failed for user "
                        + "\"auth_user\"); check the user and password in DATABASE_URL, or reset it: "
                        + "ALTER USER auth_user WITH PASSWORD '...';")
                .message().doesNotContain("wr0ng-s3cret");
    }

    @Test
    void aRoleOverItsConnectionLimitIsTooManyConnections() throws Exception {
        PostgresServer server = FreshPostgresStores.server();
        server.createPasswordRole("limited_user", "pw", 1);
        String database = FreshPostgresStores.migratedDatabase();

        try (Connection held = DriverManager.getConnection(server.jdbcUrl(database), "limited_user", "pw")) {
            assertThat(held.isValid(2)).isTrue();
            assertThatThrownBy(() -> PostgresStateStore.open(as("limited_user:pw", database), clock))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessage("open failed on PostgreSQL database '" + database + "' at localhost:" + server.port()
                            + ": the server has too many connections (FATAL: too many connections for role "
                            + "\"limited_user\"); lower DATABASE_POOL_MAX_SIZE (now 1) or raise the server's "
                            + "max_connections");
        }
    }
}
