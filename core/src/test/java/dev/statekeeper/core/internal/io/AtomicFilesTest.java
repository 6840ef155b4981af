package dev.statekeeper.core.internal.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Replacing files with real files: whole or not at all, no temporary file left, modes kept or set exactly. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theTargetIsReplacedWholeAndNothingElseIsLeftInTheDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "the old content, longer than the new one");

        AtomicFiles.replace(file).write(bytes("new"));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(names(dir)).containsExactly("state.json");
    }

    @Test
    void aNewFileIs0600AndMissingDirectoriesAre0700WhenAskedFor() throws IOException {
        Path file = dir.resolve("a/b/config.toml");

        assertThatThrownBy(() -> AtomicFiles.replace(file).write(bytes("x"))).isInstanceOf(NoSuchFileException.class);
        assertThat(dir.resolve("a")).doesNotExist();

        AtomicFiles.replace(file).creatingDirectories().write(bytes("x"));

        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
    }

    @Test
    void theReplacedFilesModeIsKeptAndANewFileGetsTheModeAskedForExactly() throws IOException {
        Path shared = Files.writeString(dir.resolve("shared.json"), "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
        Path fresh = dir.resolve("fresh.json");

        AtomicFiles.replace(shared).keepingMode(OwnerOnly.FILE).write(bytes("new"));
        AtomicFiles.replace(fresh).keepingMode(PosixFilePermissions.fromString("rw-rw-rw-")).write(bytes("new"));

        assertThat(mode(shared)).isEqualTo("rw-r-----");
        assertThat(mode(fresh)).as("set after creation, so no umask cuts it").isEqualTo("rw-rw-rw-");
    }

    @Test
    void aModeAskedForReplacesTheFilesOwn() throws IOException {
        Path secret = Files.writeString(dir.resolve("config.toml"), "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.replace(secret).mode(OwnerOnly.FILE).write(bytes("PASSWORD = 'x'"));

        assertThat(mode(secret)).isEqualTo("rw-------");
    }

    @Test
    void aWriterThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("export.jsonl"), "the previous export");

        assertThatThrownBy(() -> AtomicFiles.replace(file).write(out -> {
            out.write(bytes("half of the new export"));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThatThrownBy(() -> AtomicFiles.replace(file).write(out -> {
            out.write(bytes("half of the new export"));
            throw new IllegalStateException("the records ran out of order");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the records ran out of order");

        assertThat(Files.readString(file)).isEqualTo("the previous export");
        assertThat(names(dir)).containsExactly("export.jsonl");
    }

    @Test
    void aFixedTemporaryFileLeftByACrashIsReplacedAndRemovedOnFailureToo() throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "generation 1");
        Path temp = Files.writeString(dir.resolve("state.json.tmp"), "a torn generation 2");

        AtomicFiles.replace(file).through(temp).write(bytes("generation 2"));
        assertThat(Files.readString(file)).isEqualTo("generation 2");
        assertThat(names(dir)).containsExactly("state.json");

        assertThatThrownBy(() -> AtomicFiles.replace(file).through(temp).beforeRename(() -> {
            throw new IOException("cannot rotate the backups");
        }).write(bytes("generation 3"))).hasMessage("cannot rotate the backups");
        assertThat(Files.readString(file)).isEqualTo("generation 2");
        assertThat(names(dir)).containsExactly("state.json");
    }

    @Test
    void theStepBeforeTheRenameSeesTheOldFileAndTheCompleteTemporaryOne() throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "old");
        Path temp = dir.resolve("state.json.tmp");
        StringBuilder seen = new StringBuilder();

        AtomicFiles.replace(file).through(temp).beforeRename(() -> seen.append(Files.readString(file)).append(" -> ")
                .append(Files.readString(temp))).write(bytes("new"));

        assertThat(seen).hasToString("old -> new");
    }

    /** A real failure of the operating system after the temporary file is written: the rename onto a directory. */
    @Test
    void aRenameTheSystemRefusesRemovesTheTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("export.jsonl"));
        Files.writeString(target.resolve("inside"), "x");

        assertThatThrownBy(() -> AtomicFiles.replace(target).write(bytes("new"))).isInstanceOf(FileSystemException.class);

        assertThat(names(dir)).containsExactly("export.jsonl");
        assertThat(names(target)).containsExactly("inside");
    }

    @Test
    void theContentsResultIsReturnedAndItMayCloseItsStream() throws IOException {
        Path file = dir.resolve("export.jsonl.gz");

        int lines = AtomicFiles.replace(file).write(out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes("one\ntwo\n"));
            }
            return 2;
        });

        assertThat(lines).isEqualTo(2);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
        }
    }

    /** The config file's way: the file a link points to is replaced, keeping its mode, and the link stays. */
    @Test
    void aFollowedLinkStaysAndTheFileItPointsToIsReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("dotfiles.toml"), "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("config.toml"), real);

        AtomicFiles.replace(link).followingLink().keepingMode(OwnerOnly.FILE).write(bytes("new"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(mode(real)).isEqualTo("rw-r-----");
        assertThat(names(dir)).containsExactlyInAnyOrder("config.toml", "dotfiles.toml");
    }

    /** Unless followed, a link is replaced by the new file and what it pointed to is left alone. */
    @Test
    void aLinkNotFollowedIsReplacedByTheFile() throws IOException {
        Path real = Files.writeString(dir.resolve("elsewhere.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("state.json"), real);

        AtomicFiles.replace(link).write(bytes("new"));

        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("new");
        assertThat(Files.readString(real)).isEqualTo("old");
    }

    /** The export's and the json store's way: only a regular file is replaced; the rest is refused and left as it is. */
    @Test
    void onlyOverARegularFileRefusesALinkAFifoAndADirectoryBeforeWritingAnything() throws Exception {
        Path real = Files.writeString(dir.resolve("real.jsonl"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real);
        Path directory = Files.createDirectory(dir.resolve("directory.jsonl"));
        Path fifo = dir.resolve("fifo.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo is available").isZero();

        assertThatThrownBy(() -> AtomicFiles.replace(link).onlyOverRegularFile().write(bytes("new")))
                .isInstanceOfSatisfying(FileSystemException.class, e -> assertThat(IoErrors.reason(e))
                        .isEqualTo("'" + link + "' is a symbolic link, not a regular file, and is left as it is"));
        assertThatThrownBy(() -> AtomicFiles.replace(fifo).onlyOverRegularFile().write(bytes("new")))
                .isInstanceOfSatisfying(FileSystemException.class, e -> assertThat(IoErrors.reason(e))
                        .isEqualTo("'" + fifo + "' is a FIFO (named pipe), not a regular file, and is left as it is"));
        assertThatThrownBy(() -> AtomicFiles.replace(directory).onlyOverRegularFile().write(bytes("new")))
                .isInstanceOfSatisfying(FileSystemException.class, e -> assertThat(IoErrors.reason(e))
                        .isEqualTo("'" + directory + "' is a directory, not a regular file, and is left as it is"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("old");
        assertThat(Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .matches(m -> ((Integer) m & 0170000) == 0010000, "still a FIFO");
        assertThat(names(dir)).containsExactlyInAnyOrder("real.jsonl", "link.jsonl", "directory.jsonl", "fifo.jsonl");

        AtomicFiles.replace(real).onlyOverRegularFile().write(bytes("new"));
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void aDirectoryThatCannotBeOpenedToSyncIsPassedOver() {
        assertThatCode(() -> AtomicFiles.syncDirectory(dir.resolve("no such directory"))).doesNotThrowAnyException();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
