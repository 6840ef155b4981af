package dev.statekeeper.core.internal.archive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** One backup: its directory (named by when it was taken, in UTC) and its manifest. */
public record Backup(Path directory, BackupManifest manifest) {
    private static final String NOTHING_RESTORED = "; nothing was restored (restore another backup: 'statekeeper db "
            + "backups' lists them)";

    public String name() {
        return directory.getFileName().toString();
    }

    /** Whether retention may remove it: a backup named by its time alone (not one taken before a restore...). */
    public boolean rotates() {
        return Character.isDigit(name().charAt(0));
    }

    /** Whether a restore was made from it ({@link BackupRetention#markRestored}). */
    public boolean restoredFrom() {
        return Files.exists(directory.resolve(BackupRetention.RESTORED_FILE));
    }

    /** The export file the manifest describes. */
    public Path exportFile() {
        return directory.resolve(manifest.file());
    }

    /**
     * Checks the export against the manifest before anything is restored from it: CORRUPT when the file is missing or
     * its SHA-256 differs.
     */
    public void verify() {
        String damaged = "backup '" + name() + "' is damaged: ";
        try {
            String actual = sha256(exportFile());
            if (!actual.equals(manifest.sha256())) {
                throw new StatekeeperException(ErrorCode.CORRUPT, damaged + "the SHA-256 of " + manifest.file() + " is "
                        + actual + " but its manifest says " + manifest.sha256() + NOTHING_RESTORED);
            }
        } catch (NoSuchFileException e) {
            throw new StatekeeperException(ErrorCode.CORRUPT, damaged + manifest.file() + " is missing" + NOTHING_RESTORED, e);
        } catch (IOException e) {
            throw IoErrors.cannotRead("backup file '" + exportFile() + "'", e);
        }
    }

    /**
     * Checks the records its export holds (once read) against the counts of its manifest: CORRUPT when they differ.
     * The events are compared when the manifest counts them (a backup taken before the change history was exported
     * does not).
     */
    public void requireCounts(RecordCounts held) {
        Map<String, Long> counts = manifest.counts().containsKey("events") ? held.summaryWithEvents() : held.summary();
        if (!counts.equals(manifest.counts())) {
            throw new StatekeeperException(ErrorCode.CORRUPT, "backup '" + name() + "' is damaged: its export holds "
                    + counts + " but its manifest says " + manifest.counts() + NOTHING_RESTORED);
        }
    }

    /** The backup in a directory, by its manifest; CORRUPT when the manifest cannot be read. */
    static Backup read(Path dir) {
        Path manifest = dir.resolve(BackupDirectory.MANIFEST_FILE);
        try {
            BackupManifest m = Json.mapper().readerFor(BackupManifest.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(manifest.toFile());
            if (!BackupManifest.FORMAT.equals(m.format()) || m.file() == null || m.sha256() == null || m.createdAt() == null) {
                throw new IOException("it is not a statekeeper backup manifest");
            }
            return new Backup(dir, m);
        } catch (IOException e) {
            throw new StatekeeperException(ErrorCode.CORRUPT, "backup '" + dir.getFileName() + "' is damaged: its "
                    + BackupDirectory.MANIFEST_FILE + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = ArchiveWriter.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
