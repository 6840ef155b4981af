/**
 * Statekeeper's API: the {@link dev.statekeeper.core.api.StateStore} every backend implements, the domain records it
 * takes and returns, settings, errors with their codes, and the archive records that export, import and backups are
 * made of. Packages under {@code dev.statekeeper.core.internal} are support code shared with Statekeeper's own
 * backend modules and may change in any release.
 */
module dev.statekeeper.core {
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.dataformat.toml;
    requires org.slf4j;

    exports dev.statekeeper.core.api;
    exports dev.statekeeper.core.archive;
    exports dev.statekeeper.core.config;
    exports dev.statekeeper.core.domain;
    exports dev.statekeeper.core.error;
    exports dev.statekeeper.core.events;
    exports dev.statekeeper.core.perf;
    exports dev.statekeeper.core.result;

    exports dev.statekeeper.core.internal.archive to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.config to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.events to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.domain to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.error to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.io to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.json to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.oplog to dev.statekeeper.jdbc, dev.statekeeper.sqlite, dev.statekeeper.postgres, dev.statekeeper.json;
    exports dev.statekeeper.core.internal.memory to dev.statekeeper.json;

    // Jackson reads and writes the records of these packages by reflection
    opens dev.statekeeper.core.archive to com.fasterxml.jackson.databind;
    opens dev.statekeeper.core.domain to com.fasterxml.jackson.databind;
    opens dev.statekeeper.core.result to com.fasterxml.jackson.databind;
    opens dev.statekeeper.core.internal.archive to com.fasterxml.jackson.databind;
    opens dev.statekeeper.core.internal.json to com.fasterxml.jackson.databind;
    opens dev.statekeeper.core.internal.memory to com.fasterxml.jackson.databind;

    uses dev.statekeeper.core.api.StateStoreProvider;
    provides dev.statekeeper.core.api.StateStoreProvider with dev.statekeeper.core.internal.memory.MemoryStoreProvider;
}
