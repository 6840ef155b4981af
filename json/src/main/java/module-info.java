/** The JSON-file backend: the whole store in one document, written atomically, with rotating backups. */
module dev.statekeeper.json {
    requires transitive dev.statekeeper.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.statekeeper.json;
    opens dev.statekeeper.json to com.fasterxml.jackson.databind;

    provides dev.statekeeper.core.api.StateStoreProvider with dev.statekeeper.json.JsonStoreProvider;
}
