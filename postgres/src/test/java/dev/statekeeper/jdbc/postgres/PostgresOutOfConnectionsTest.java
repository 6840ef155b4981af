package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server whose max_connections other clients have taken, on a server of the test's own with room for
 * {@value #MAX_CONNECTIONS}: a store that cannot connect says so and what to change; a store that holds its
 * pooled connections keeps working; and once the other clients leave, a store opens again.
 */
class PostgresOutOfConnectionsTest {
    private static final int MAX_CONNECTIONS = 12;
    private static PostgresServer server;
    private static String database;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.startPrivate(Map.of("max_connections", String.valueOf(MAX_CONNECTIONS),
                "superuser_reserved_connections", "0"));
        database = server.createDatabase();
        PostgresStateStore.open(settings(), new TestClock()).close(); // migrated once
    }

    @AfterAll
    static void stopServer() {
        server.shutDown(PostgresServer.Shutdown.FAST);
    }

    private static Settings settings() {
        return Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, server.url(database))
                .set(Setting.POOL_MIN_SIZE, "2").set(Setting.POOL_MAX_SIZE, "2").set(Setting.RETRY_ATTEMPTS, "1").build();
    }

    /** Connections taken by "other clients" until the server refuses one. */
    private static List<Connection> takeEveryConnection() throws SQLException {
        List<Connection> taken = new ArrayList<>();
        while (taken.size() <= MAX_CONNECTIONS) {
            try {
                taken.add(server.connect(database));
            } catch (SQLException refused) {
                assertThat(refused.getSQLState()).isEqualTo("53300");
                return taken;
            }
        }
        throw new AssertionError("the server accepted more than max_connections");
    }

    private static void release(List<Connection> taken) throws SQLException {
        for (Connection c : taken) {
            c.close();
        }
    }

    @Test
    void aStoreThatCannotConnectSaysTheServerIsFullAndOpensOnceTheOthersLeave() throws Exception {
        List<Connection> taken = takeEveryConnection();
        try {
            assertThatThrownBy(() -> PostgresStateStore.open(settings(), new TestClock()))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessage("open failed on PostgreSQL database '" + database + "' at localhost:" + server.port()
                            + ": the server has too many connections (FATAL: sorry, too many clients already); "
                            + "lower DATABASE_POOL_MAX_SIZE (now 2) or raise the server's max_connections");
        } finally {
            release(taken);
        }
        try (PostgresStateStore store = PostgresStateStore.open(settings(), new TestClock())) {
            assertThat(store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id()).hasSize(8);
        }
    }

    @Test
    void aStoreHoldingItsPooledConnectionsKeepsWorkingWhileOthersFillTheServer() throws Exception {
        try (PostgresStateStore store = PostgresStateStore.open(settings(), new TestClock())) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            List<Connection> taken = takeEveryConnection();
            try {
                assertThat(store.addFeedback(id, Fixtures.feedback(70)).feedbackCount()).isEqualTo(1);
                assertThat(store.getLoop(id).feedback()).hasSize(1);
            } finally {
                release(taken);
            }
        }
    }
}
