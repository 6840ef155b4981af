package dev.statekeeper.core.archive;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.json.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
import java.util.stream.Stream;

/**
 * The backups of a directory (default {@code <data dir>/backups}): one directory per backup, named by the UTC time it
 * was taken ({@code 20261123T142301Z}, then {@code -2}, {@code -3} within one second), holding the gzip-compressed
 * export and {@code manifest.json}. A backup is built under a hidden name and renamed when complete, so a crash
 * never leaves one that looks whole. Other files and directories in the directory are left alone.
 */
public final class Backups {
    public static final String EXPORT_FILE = "export.jsonl.gz";
    public static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern NAME = Pattern.compile("\\d{8}T\\d{6}Z(-\\d+)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    public Backups(Path directory) {
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
        Instant now = Instant.now(clock);
        StoreInfo info = store.info();
        Path partial = null;
        try {
            Files.createDirectories(directory);
            String name = freeName(STAMP.format(now));
            partial = Files.createDirectory(directory.resolve("." + name + ".partial"));
            Path export = partial.resolve(EXPORT_FILE);
            RecordCounts counts = ArchiveFiles.export(store.archive(), export, true, tap);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION, name, now,
                    info.backend(), info.location(), statekeeperVersion, EXPORT_FILE, Files.size(export), Backup.sha256(export),
                    counts.summary());
            Files.writeString(partial.resolve(MANIFEST_FILE), Json.pretty(manifest) + "\n");
            Path done = directory.resolve(name);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            ArchiveFiles.syncDirectory(directory);
            return new Backup(done, manifest);
        } catch (IOException e) {
            throw ArchiveIo.writeFailed("backup in '" + directory + "'", e);
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
            throw ArchiveIo.readFailed("backup directory '" + directory + "'", e);
        }
        found.sort(Comparator.comparing((Backup b) -> b.manifest().createdAt())
                .thenComparing(Backup::name, Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
                .reversed());
        return found;
    }

    /** Removes all but the newest {@code keep} backups; returns the removed ones. */
    public List<Backup> prune(int keep) {
        List<Backup> all = list();
        List<Backup> removed = all.subList(Math.min(keep, all.size()), all.size());
        for (Backup b : removed) {
            try {
                deleteTree(b.directory());
            } catch (IOException e) {
                throw ArchiveIo.writeFailed("backup '" + b.directory() + "' (removing it)", e);
            }
        }
        return List.copyOf(removed);
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
                deleteTree(dir);
            } catch (IOException ignored) {
                // the failure that got us here is the one to report
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
