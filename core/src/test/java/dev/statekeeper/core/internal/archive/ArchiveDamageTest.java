package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveDamageTest {
    private final MemoryStateStore target = Samples.full();
    private final byte[] before = Samples.export(target);
    private final String export = Samples.text(Samples.export(Samples.full()));

    private void refused(String text, String message) {
        refused(text.getBytes(StandardCharsets.UTF_8), message);
    }

    private void refused(byte[] bytes, String message) {
        ThrowingCallable load = () -> ArchiveImport.run(target, Samples.source(bytes), LoadMode.REPLACE, Progress.NONE);
        assertThatThrownBy(load).isInstanceOfSatisfying(StatekeeperException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT)).hasMessageMatching(message);
        assertThat(Samples.export(target)).isEqualTo(before);
    }

    @Test
    void aRecordChangedAfterTheExportFailsItsChecksum() {
        refused(export.replace("\"currentScore\":70", "\"currentScore\":71"), "\\Qexport file 'test.jsonl' is damaged: "
                + "the SHA-256 of its records is \\E[0-9a-f]{64} but its trailer says [0-9a-f]{64}"
                + "\\Q (the file was changed after it was written)\\E");
    }

    @Test
    void aTrailerWhoseChecksumWasAlteredIsRefused() {
        int at = export.lastIndexOf("\"sha256\":\"") + 10;
        String altered = export.substring(0, at) + (export.charAt(at) == '0' ? '1' : '0') + export.substring(at + 1);
        refused(altered, "\\Qexport file 'test.jsonl' is damaged: the SHA-256 of its records is \\E.*");
    }

    @Test
    void anExportWithoutItsTrailerIsTruncated() {
        String cut = export.substring(0, export.lastIndexOf("{\"trailer\""));
        refused(cut, "\\Qexport file 'test.jsonl' is truncated: it ends after line 37 without its trailer line\\E");
        refused(export.substring(0, export.indexOf("\"kind\":\"spec\"") + 5),
                "\\Qexport file 'test.jsonl' is truncated: it ends after line 7 without its trailer line\\E");
    }

    @Test
    void countsThatDisagreeWithTheRecordsAreRefused() {
        refused(export.replace("\"session\":2,", "\"session\":3,"), "\\Qexport file 'test.jsonl' is damaged: it holds "
                + "{loop=4, objective=1, spec=2, specLink=1, activeLoop=3, roadmap=1, plan=2, session=2, event=19, "
                + "eventSequence=1} records but its trailer says {loop=4, objective=1, spec=2, specLink=1, activeLoop=3, "
                + "roadmap=1, plan=2, session=3, event=19, eventSequence=1}\\E");
        refused(export.replace("\"event\":19,", "\"event\":18,"), "\\Qexport file 'test.jsonl' is damaged: it holds "
                + "{loop=4, objective=1, spec=2, specLink=1, activeLoop=3, roadmap=1, plan=2, session=2, event=19, "
                + "eventSequence=1} records but its trailer says {loop=4, objective=1, spec=2, specLink=1, activeLoop=3, "
                + "roadmap=1, plan=2, session=2, event=18, eventSequence=1}\\E");
    }

    @Test
    void somethingElseThanAnExportIsRefusedByItsFirstLine() {
        refused("", "\\Qexport file 'test.jsonl' is empty: an export starts with the line "
                + "{\"format\":\"statekeeper-export\",\"version\":2}\\E");
        refused("{\"format\":\"statekeeper-json\",\"version\":1}\n", "\\Qexport file 'test.jsonl' is not a statekeeper "
                + "export: its first line is not {\"format\":\"statekeeper-export\",\"version\":2}\\E");
        refused(export.replaceFirst("\"version\":2", "\"version\":3"), "\\Qexport file 'test.jsonl' is format version 3, "
                + "written by a newer statekeeper; this one reads version 2\\E");
        refused(export.replaceFirst("\"version\":2", "\"version\":0"), "\\Qexport file 'test.jsonl' has no valid "
                + "format version (expected 1 to 2)\\E");
        refused(export + "{\"kind\":\"loop\"}\n", "\\Qexport file 'test.jsonl' is damaged: line 39 follows the trailer\\E");
    }

    @Test
    void aCutOffGzipFileIsDamaged() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(export.getBytes(StandardCharsets.UTF_8));
        }
        byte[] cut = Arrays.copyOf(zipped.toByteArray(), zipped.size() / 2);
        refused(cut, "\\Qexport file 'test.jsonl' is damaged: its gzip data is cut off or broken after line \\E\\d+.*");
    }

    @Test
    void bytesThatAreNotUtf8AreDamage() {
        byte[] bytes = export.getBytes(StandardCharsets.UTF_8);
        int at = export.indexOf("demo");
        bytes[at] = (byte) 0xff;
        refused(bytes, "\\Qexport file 'test.jsonl' is damaged: line 2 is not UTF-8 text\\E");
    }
}
