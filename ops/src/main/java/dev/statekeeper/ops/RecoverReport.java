package dev.statekeeper.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code db recover} did: the store file it replaced, where the damaged original was moved (never deleted),
 * the copy {@code --backup-first} made (or null), what it recovered per table, notes (what it dropped to keep
 * the new store consistent, where the data came from), and the verification of the recovered store.
 */
public record RecoverReport(String backend, Path file, Path damaged, Path backup, List<TableRecovery> tables,
                            List<String> notes, VerifyReport after) {
    public RecoverReport {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    public long recovered() {
        return tables.stream().mapToLong(TableRecovery::recovered).sum();
    }
}
