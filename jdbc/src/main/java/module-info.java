/**
 * What Statekeeper's SQL backends share: transactions with retries, one repository per table group over a small
 * dialect, and schema migrations. Its only API is {@code dev.statekeeper.jdbc.migration} (for an application that
 * runs migrations itself); the rest is exported to the SQLite and PostgreSQL modules only.
 */
module dev.statekeeper.jdbc {
    requires transitive dev.statekeeper.core;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires com.zaxxer.hikari;
    requires flyway.core; // Flyway 13 declares no module name: the name is derived from its jar's file name
    requires org.slf4j;

    exports dev.statekeeper.jdbc.migration;
    exports dev.statekeeper.jdbc.internal to dev.statekeeper.sqlite, dev.statekeeper.postgres;
    exports dev.statekeeper.jdbc.internal.store to dev.statekeeper.sqlite, dev.statekeeper.postgres;
    // Flyway instantiates its log by class name (the "loggers" setting)
    exports dev.statekeeper.jdbc.internal.flyway to dev.statekeeper.sqlite, dev.statekeeper.postgres, flyway.core;
}
