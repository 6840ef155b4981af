package dev.statekeeper.jdbc.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Superuser connections beside a store: what an operator with psql would do. */
final class RawPostgres {
    private RawPostgres() {
    }

    static Connection connect(String database) throws SQLException {
        return FreshPostgresStores.server().connect(database);
    }
}
