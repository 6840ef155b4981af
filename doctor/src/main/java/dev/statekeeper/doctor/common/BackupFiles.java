package dev.statekeeper.doctor.common;

import dev.statekeeper.core.archive.Backup;
import dev.statekeeper.core.archive.BackupDirectory;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backups {@code db backup} writes, as the backup checks see them: the directory ({@code <data dir>/backups}),
 * the newest one by the UTC time in its name, whether its manifest can be read, and its checksum. The one place the
 * doctor reads the archive code.
 */
final class BackupFiles {
    private static final Pattern NAME = Pattern.compile("(?:pre-[a-z]+-)?(\\d{8}T\\d{6}Z)(?:-(\\d+))?");

    /**
     * A backup: its name, and from its manifest when that reads ({@code damage} null) when it was taken, its export
     * file, size and SHA-256; else {@code damage} says why the manifest cannot be read.
     */
    record Found(Path directory, String name, Instant createdAt, Path exportFile, long bytes, String sha256,
                 String damage) {
        static Found of(Backup backup) {
            return new Found(backup.directory(), backup.name(), backup.manifest().createdAt(), backup.exportFile(),
                    backup.manifest().bytes(), backup.manifest().sha256(), null);
        }
    }

    private BackupFiles() {
    }

    static Path directory(Settings settings) {
        return BackupDirectory.defaultDirectory(settings).toAbsolutePath();
    }

    /** The newest backup with a readable manifest, if there is one. */
    static Optional<Found> newestReadable(Path directory) {
        return new BackupDirectory(directory).list().stream().findFirst().map(Found::of);
    }

    /** The newest backup by its name's time, readable or not, if there is one. */
    static Optional<Found> newest(Path directory) throws IOException {
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (NAME.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry)) {
                    backups.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<Path> newest = backups.stream().max(Comparator.comparing(BackupFiles::stamp)
                .thenComparing(BackupFiles::sequence));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String name = newest.get().getFileName().toString();
        try {
            return Optional.of(Found.of(new BackupDirectory(directory).find(name)));
        } catch (StatekeeperException e) {
            return Optional.of(new Found(newest.get(), name, null, null, 0, null, e.getMessage()));
        }
    }

    /** Checks the backup's export against the SHA-256 of its manifest; the damage, or null when it matches. */
    static String damage(Found backup) {
        try {
            new BackupDirectory(backup.directory().getParent()).find(backup.directory().toString()).verify();
            return null;
        } catch (StatekeeperException e) {
            // the archive's message speaks to a restore ("; nothing was restored ..."): the doctor restores nothing
            String message = e.getMessage();
            int restore = message.indexOf("; nothing was restored");
            return restore < 0 ? message : message.substring(0, restore);
        }
    }

    private static String stamp(Path backup) {
        Matcher m = NAME.matcher(backup.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    private static int sequence(Path backup) {
        Matcher m = NAME.matcher(backup.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }
}
