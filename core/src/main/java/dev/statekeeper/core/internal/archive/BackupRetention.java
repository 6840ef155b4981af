package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which backups {@code db backup --keep N} removes: of the backups named by their time alone, all but the newest
 * N, except the newest one a restore was made from (marked by {@link #markRestored}), so the backup a store was
 * last restored from stays until a newer one is restored. The backups a command took before it replaced a store's
 * records ({@code pre-restore-}, {@code pre-import-}, {@code pre-copy-}, {@code pre-repair-}...) are never
 * removed: they are removed by hand.
 */
public final class BackupRetention {
    /** Written into a backup by each restore made from it: one line per restore. */
    public static final String RESTORED_FILE = "restored";

    /** What a prune removed, and the backup it kept beyond the newest ones because a restore was made from it. */
    public record Pruned(List<Backup> removed, Backup keptForRestore) {
    }

    private BackupRetention() {
    }

    /** Prunes {@code backups} (newest first, as {@link BackupDirectory#list()} gives them) down to {@code keep}. */
    static Pruned prune(List<Backup> backups, int keep) {
        List<Backup> rotating = backups.stream().filter(Backup::rotates).toList();
        List<Backup> beyond = rotating.subList(Math.min(keep, rotating.size()), rotating.size());
        Backup restored = rotating.stream().filter(Backup::restoredFrom).findFirst().orElse(null);
        List<Backup> removed = beyond.stream().filter(b -> b != restored).toList();
        for (Backup b : removed) {
            try {
                deleteTree(b.directory());
            } catch (IOException e) {
                throw IoErrors.cannotWrite("backup '" + b.directory() + "' (removing it)", e);
            }
        }
        return new Pruned(removed, beyond.contains(restored) ? restored : null);
    }

    /**
     * Notes in the backup that a restore was made from it (a line: when, into what). False when the note cannot be
     * written (a read-only backup): the restore stands, but retention may remove that backup.
     */
    public static boolean markRestored(Backup backup, Instant at, String into) {
        Path file = backup.directory().resolve(RESTORED_FILE);
        try {
            OwnerOnly.createFile(file);
            Files.writeString(file, at + " into " + into + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
