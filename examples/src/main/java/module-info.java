/**
 * Programs that embed Statekeeper as an application on the module path would: they require the API module only,
 * and the SQLite backend is found at run time as a service of the module path. A program here that imports a
 * {@code dev.statekeeper.*.internal} package does not compile.
 */
module dev.statekeeper.examples {
    requires dev.statekeeper.core;
    requires dev.statekeeper.sqlite; // not needed to compile: keeps the backend in the module graph of a launcher

    exports dev.statekeeper.examples;
}
