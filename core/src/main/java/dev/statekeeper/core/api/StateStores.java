package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.oplog.TimedStore;

import java.time.Clock;

/**
 * Opens the store the settings name, with the installed backend of that name ({@link Backends}): the one entry
 * point an embedder needs, whatever the backend.
 *
 * <pre>{@code
 * try (StateStore store = StateStores.open(Settings.builder().backend("sqlite").dataDir(dir).build())) {
 *     Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
 * }
 * }</pre>
 */
public final class StateStores {
    private StateStores() {
    }

    /**
     * Opens the store on the system clock (UTC).
     *
     * @param settings the settings, {@link Settings.Builder#build() built} (validated)
     * @return the open store; the caller closes it
     * @throws StatekeeperException as {@link #open(Settings, Clock)}
     */
    public static StateStore open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Opens the store of {@link Settings#backend()}: a memory store starts empty; a sqlite or json store creates
     * its file (and directories) on first use; sqlite and postgres bring the schema up to date when
     * STATEKEEPER_AUTO_MIGRATE allows. The store times every operation into its
     * {@link StateStore#operationLog() operation log}.
     *
     * @param settings the settings, {@link Settings.Builder#build() built} (validated)
     * @param clock    the clock that stamps records (tests pass a fixed one)
     * @return the open store; the caller closes it
     * @throws StatekeeperException {@link ErrorCode#CONFIG_INVALID} when no installed backend has the name or a
     *         setting the backend needs is wrong (a malformed DATABASE_URL); {@link ErrorCode#CANNOT_OPEN},
     *         {@link ErrorCode#READ_ONLY}, {@link ErrorCode#DISK_FULL}, {@link ErrorCode#DATABASE_BUSY} or
     *         {@link ErrorCode#CORRUPT} when the file cannot be used; {@link ErrorCode#BACKEND_UNAVAILABLE} when the
     *         database server cannot be reached or refuses the user; {@link ErrorCode#MIGRATION_DRIFT} when the
     *         schema does not match this build's migrations or is behind while STATEKEEPER_AUTO_MIGRATE is false
     */
    public static StateStore open(Settings settings, Clock clock) {
        StateStoreProvider provider = Backends.require(settings.backend());
        return TimedStore.wrap(provider.open(settings, clock), provider.name(), settings, clock);
    }
}
