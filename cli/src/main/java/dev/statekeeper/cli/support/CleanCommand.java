package dev.statekeeper.cli.support;

import dev.statekeeper.core.api.StateStore;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * {@code ... clean --older-than AGE [--dry-run]}: removes old records of one kind and says which (loops, sessions).
 * A subclass names the records and calls the store's clean.
 */
public abstract class CleanCommand extends StoreCommand {
    @Option(names = "--older-than", required = true, paramLabel = "AGE",
            description = "a number and a unit: s, m, h, d or w (e.g. 30d)")
    Duration olderThan;

    @Option(names = "--dry-run", description = "only list what would be removed; remove nothing")
    boolean dryRun;

    /** The result printed with {@code --json}, e.g. {@code LoopsCleaned::new}. */
    @FunctionalInterface
    protected interface Result {
        Object of(String olderThan, boolean dryRun, List<String> keys);
    }

    private final Result result;
    private final String singular;
    private final String plural;

    /**
     * @param result   the JSON result of the removed keys, e.g. {@code LoopsCleaned::new}
     * @param singular the text for one record, e.g. {@code completed loop}
     * @param plural   the text for several, e.g. {@code completed loops}
     */
    protected CleanCommand(Result result, String singular, String plural) {
        this.result = result;
        this.singular = singular;
        this.plural = plural;
    }

    /** Removes (or, dry, lists) the records last updated longer ago than {@code olderThan}; their keys, sorted. */
    protected abstract List<String> clean(StateStore store, Duration olderThan, boolean dryRun);

    @Override
    protected final void execute(StateStore store, Output out) {
        List<String> keys = clean(store, olderThan, dryRun);
        String age = Text.duration(olderThan);
        String verb = dryRun ? "would remove " : "removed ";
        out.emit(result.of(age, dryRun, keys), keys.isEmpty()
                ? "no " + plural + " older than " + age
                : verb + Text.count(keys.size(), singular, plural) + " older than " + age + ": " + String.join(", ", keys));
    }
}
