package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import picocli.CommandLine.ParameterException;

import java.util.Map;
import java.util.function.Function;

/** What import and copy share: the mode a load takes, and how its result is shown. */
final class Loading {
    private Loading() {
    }

    /**
     * The mode given, or replace into an empty store; a store that holds records without a mode is a usage error
     * (exit 2) that says what it holds and which flag to add.
     */
    static LoadMode mode(LoadMode given, StoreInfo target, Function<String, ParameterException> usage) {
        if (given != null) {
            return given;
        }
        if (!Records.empty(target)) {
            throw usage.apply("the " + Records.where(target) + " is not empty: it holds " + Records.held(target)
                    + "; add --mode replace to replace its records, or --mode merge to add to them");
        }
        return LoadMode.REPLACE;
    }

    static Map<String, Object> json(ImportResult result, StoreInfo target) {
        return Output.fields("backend", target.backend(), "location", target.location(), "mode", result.mode().wire(),
                "records", result.loaded().total(), "counts", result.loaded().summary(),
                "skipped", result.skipped().total(), "events", result.loaded().events(),
                "eventsNotImported", result.skipped().events());
    }

    /**
     * "; skipped 3 records the store had identical", then "; 12 events not imported: the target keeps its own
     * history" when a merge left the change history out, or nothing.
     */
    static String skipped(ImportResult result) {
        long n = result.skipped().total();
        long events = result.skipped().events();
        return (n == 0 ? "" : "; skipped " + n + (n == 1 ? " record" : " records") + " the store had identical")
                + (events == 0 ? "" : "; " + events + (events == 1 ? " event" : " events")
                + " not imported: the target keeps its own history");
    }
}
