package dev.statekeeper.core.archive;

import dev.statekeeper.core.api.StateStore;

/**
 * Imports an export into a store in two passes: the first checks every line ({@link ArchiveCheck}) and fails with
 * VALIDATION_FAILED listing every problem, or CORRUPT when the file is damaged, before anything is written; the
 * second loads the records ({@link Archive#loader}), leaving out those a merge finds in the store already.
 */
public final class ArchiveImport {
    private ArchiveImport() {
    }

    public static ImportResult run(StateStore target, ArchiveSource source, LoadMode mode, Progress progress) {
        RecordIndex index = mode == LoadMode.MERGE ? RecordIndex.of(target.archive()) : null;
        ArchiveCheck.Plan plan;
        try (ArchiveReader reader = source.open()) {
            ArchiveCheck check = new ArchiveCheck(reader.source(), index);
            progress.begin("checking", -1);
            while (reader.hasNext()) {
                check.line(reader.next());
                progress.advance();
            }
            progress.end();
            plan = check.finish();
        }
        ArchiveLoader loader = target.archive().loader(mode);
        try (ArchiveReader reader = source.open()) {
            progress.begin("importing", plan.load().total());
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
}
