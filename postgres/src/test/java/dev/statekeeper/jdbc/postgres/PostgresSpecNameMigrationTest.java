package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.sql.SpecNameMigrationChecks;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;

import java.sql.Connection;

/** A database at schema version 5 (before Unicode spec names), migrated to 6 when this build opens it. */
class PostgresSpecNameMigrationTest extends SpecNameMigrationChecks {
    private final String database = FreshPostgresStores.server().createDatabase();

    @Override
    protected Connection oldDatabase() throws Exception {
        Flyway.configure().dataSource(FreshPostgresStores.server().jdbcUrl(database), PostgresServer.USER, "")
                .locations("classpath:db/migration/postgres").target("5").load().migrate();
        return RawPostgres.connect(database);
    }

    @Override
    protected StateStore openStore() {
        return FreshPostgresStores.openOn(database, Settings.defaults(), new TestClock());
    }

    @Override
    protected String time() {
        return "now()";
    }
}
