/** The PostgreSQL backend: pooled connections, JSONB, pg_trgm ({@code PostgresStateStore.open}). */
module dev.statekeeper.postgres {
    requires transitive dev.statekeeper.jdbc;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires jdk.net; // TCP keep-alive timings on the socket (KeepAliveSocketFactory)

    exports dev.statekeeper.jdbc.postgres;
    // Flyway finds the migrations (SQL files and one Java migration) here by class-path scanning
    opens db.migration.postgres;

    provides dev.statekeeper.core.api.StateStoreProvider with dev.statekeeper.jdbc.postgres.PostgresStoreProvider;
}
