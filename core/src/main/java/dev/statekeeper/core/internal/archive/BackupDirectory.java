package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.json.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The backups of a directory (default {@code <data dir>/backups}): one directory per backup, named by the UTC time it
 * was taken ({@code 20261123T142301Z}, then {@code -2}, {@code -3} within one second), holding the gzip-compressed
 * export and {@code manifest.json}. A backup is built under a hidden name and renamed when complete, so a crash
 * never leaves one that looks whole. Other files and directories in the directory are left alone. Directories are
 * made 0700 and files 0600.
 *
 * <p>Retention ({@link #prune}, {@link BackupRetention}) removes only the backups named by their time alone.
 */
public final class BackupDirectory {
    public static final String EXPORT_FILE = "export.jsonl.gz";
    public static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern NAME = Pattern.compile("(pre-[a-z]+-)?\\d{8}T\\d{6}Z(-\\d+)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    public BackupDirectory(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public static Path defaultDirectory(Settings settings) {
        return settings.dataDir().resolve("backups");
    }

    public Path directory() {
        return directory;
    }

    /** Backs up everything the store holds now; {@code tap} sees each record as it is written. */
    public Backup create(StateStore store, Clock clock, String statekeeperVersion, Consumer<ArchiveRecord> tap) {
        return create("", store, clock, statekeeperVersion, tap);
    }

    /**
     * The backup a command takes before it replaces the store's records, named {@code <kind>-<UTC time>} (kind
     * {@code pre-restore}, {@code pre-import}, {@code pre-copy}); {@link #prune} never removes it.
     */
    public Backup createBefore(String kind, StateStore store, Clock clock, String statekeeperVersion) {
        return create(kind + "-", store, clock, statekeeperVersion, r -> { });
    }

    private Backup create(String prefix, StateStore store, Clock clock, String statekeeperVersion,
                          Consumer<ArchiveRecord> tap) {
        OutputPaths.requireDirectory(directory, "backups");
        Instant now = Instant.now(clock);
        StoreInfo info = store.info();
        Path partial = null;
        try {
            OwnerOnly.createDirectories(directory);
            String name = freeName(prefix + STAMP.format(now));
            partial = OwnerOnly.createDirectory(directory.resolve("." + name + ".partial"));
            Path export = partial.resolve(EXPORT_FILE);
            RecordCounts counts = ArchiveFiles.export(store.archive(), export, true, tap);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION, name, now,
                    info.backend(), info.location(), statekeeperVersion, EXPORT_FILE, Files.size(export), Backup.sha256(export),
                    counts.summaryWithEvents());
            // forced to disk before the directory is renamed complete: a crash never leaves a backup whose
            // manifest is empty (it would be taken for damaged and not listed)
            AtomicFiles.replace(partial.resolve(MANIFEST_FILE))
                    .write((Json.pretty(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
            Path done = directory.resolve(name);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            AtomicFiles.syncDirectory(directory);
            return new Backup(done, manifest);
        } catch (IOException e) {
            throw IoErrors.cannotWrite("backup in '" + directory + "'", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Every backup with a readable manifest, newest first. */
    public List<Backup> list() {
        List<Backup> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (NAME.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry)) {
                    try {
                        found.add(Backup.read(entry));
                    } catch (StatekeeperException e) {
                        // a damaged backup is not listed, and so never removed by a prune
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw IoErrors.cannotRead("backup directory '" + directory + "'", e);
        }
        found.sort(Comparator.comparing((Backup b) -> b.manifest().createdAt())
                .thenComparing(Backup::name, Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
                .reversed());
        return found;
    }

    /**
     * Removes all but the newest {@code keep} backups named by their time alone ({@link BackupRetention}); returns
     * what it removed.
     */
    public BackupRetention.Pruned prune(int keep) {
        return BackupRetention.prune(list(), keep);
    }

    /** The backup a name of this directory or a path to a backup directory denotes; CORRUPT when it is damaged. */
    public Backup find(String nameOrPath) {
        Path named = directory.resolve(nameOrPath);
        Path dir = Files.isDirectory(named) ? named : Path.of(nameOrPath);
        if (!Files.isDirectory(dir)) {
            throw new StatekeeperException(ErrorCode.BACKUP_NOT_FOUND, "no backup '" + nameOrPath + "' in '" + directory
                    + "'");
        }
        return Backup.read(dir.toAbsolutePath());
    }

    private String freeName(String stamp) {
        String name = stamp;
        for (int n = 2; Files.exists(directory.resolve(name)) || Files.exists(directory.resolve("." + name + ".partial")); n++) {
            name = stamp + "-" + n;
        }
        return name;
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            try {
                BackupRetention.deleteTree(dir);
            } catch (IOException ignored) {
                // the failure that got us here is the one to report
            }
        }
    }
}
