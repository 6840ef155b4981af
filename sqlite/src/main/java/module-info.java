/** The SQLite backend: one file in WAL mode, Statekeeper's embedded default ({@code SqliteStateStore.open}). */
module dev.statekeeper.sqlite {
    requires transitive dev.statekeeper.jdbc;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires org.xerial.sqlitejdbc;

    exports dev.statekeeper.jdbc.sqlite;
    // Flyway finds the migrations (SQL files and one Java migration) here by class-path scanning
    opens db.migration.sqlite;

    provides dev.statekeeper.core.api.StateStoreProvider with dev.statekeeper.jdbc.sqlite.SqliteStoreProvider;
}
