package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.api.StateStore;

import java.util.function.Consumer;

/**
 * Imports an export into a store in two passes: the first checks every line ({@link ArchiveCheck}) and fails with
 * VALIDATION_FAILED listing every problem, or CORRUPT when the file is damaged, before anything is written; the
 * second loads the records ({@link Archive#loader}), leaving out those a merge finds in the store already.
 */
public final class ArchiveImport {
    private ArchiveImport() {
    }

    public static ImportResult run(StateStore target, ArchiveSource source, LoadMode mode, Progress progress) {
        return run(target, source, mode, progress, checked -> { });
    }

    /**
     * As {@link #run(StateStore, ArchiveSource, LoadMode, Progress)}, and once every line passed the check, before
     * the first write, hands {@code checked} the counts of the records it is about to load: it may refuse them
     * (throw) or back the store up first.
     */
    public static ImportResult run(StateStore target, ArchiveSource source, LoadMode mode, Progress progress,
                                   Consumer<RecordCounts> checked) {
        RecordIndex index = mode == LoadMode.MERGE ? RecordIndex.of(target.archive()) : null;
        ArchiveCheck.Plan plan = check(source, index, progress);
        checked.accept(plan.load());
        return load(target, source, mode, plan, progress);
    }

    /**
     * Only the second pass, replacing, for a source that {@link #check(ArchiveSource, Progress)} has just passed
     * with these counts (a restore checks its backup before it opens the target): no line is parsed twice. A line
     * that has changed since fails as in {@link #run}.
     */
    public static ImportResult replaceChecked(StateStore target, ArchiveSource source, RecordCounts counts,
                                              Progress progress) {
        return load(target, source, LoadMode.REPLACE, ArchiveCheck.Plan.loadingAll(counts), progress);
    }

    private static ImportResult load(StateStore target, ArchiveSource source, LoadMode mode, ArchiveCheck.Plan plan,
                                     Progress progress) {
        ArchiveLoader loader = target.archive().loader(mode);
        try (ArchiveReader reader = source.open()) {
            progress.begin("importing", plan.load().total() + plan.load().events());
            while (reader.hasNext()) {
                ArchiveLine line = reader.next();
                if (!line.ok()) { // the file changed since the check
                    throw dev.statekeeper.core.error.StatekeeperException.invalid(reader.source(), line.problems());
                }
                if (!plan.skips(line.number())) {
                    loader.accept(line.record());
                    progress.advance();
                }
            }
            loader.finish();
            progress.end();
        }
        return new ImportResult(mode, plan.load(), plan.skipped());
    }

    /**
     * Only the first pass, as for a replace: the counts of the records the export holds when every line passes,
     * else VALIDATION_FAILED or CORRUPT. Needs no store.
     */
    public static RecordCounts check(ArchiveSource source, Progress progress) {
        return check(source, null, progress).load();
    }

    private static ArchiveCheck.Plan check(ArchiveSource source, RecordIndex index, Progress progress) {
        try (ArchiveReader reader = source.open()) {
            ArchiveCheck check = new ArchiveCheck(reader.source(), index);
            progress.begin("checking", -1);
            while (reader.hasNext()) {
                check.line(reader.next());
                progress.advance();
            }
            progress.end();
            return check.finish();
        }
    }
}
