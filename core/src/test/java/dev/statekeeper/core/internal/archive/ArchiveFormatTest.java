package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveFormatTest {

    @Test
    void aRecordIsOneLineWithItsKindFirstAndEveryFieldInOrder() {
        Instant at = Instant.parse("2026-01-02T03:04:05.000006Z");
        LoopRecord loop = new LoopRecord("ab12cd34", "démo", LoopType.SPEC, LoopStatus.IN_PROGRESS, 70, 1, 2, at, at,
                List.of(CriticFeedback.builder().criticAgent("critic").iteration(1).overallScore(70).assessmentSummary("ok")
                        .recommendations(List.of("more tests")).timestamp(at).build()));

        assertThat(new String(ArchiveCodec.line(loop), StandardCharsets.US_ASCII)).isEqualTo("{\"kind\":\"loop\","
                + "\"id\":\"ab12cd34\",\"project\":\"d\\u00E9mo\",\"type\":\"spec\",\"status\":\"in_progress\","
                + "\"currentScore\":70,\"iteration\":1,\"version\":2,\"createdAt\":\"2026-01-02T03:04:05.000006Z\","
                + "\"updatedAt\":\"2026-01-02T03:04:05.000006Z\",\"feedback\":[{\"criticAgent\":\"critic\",\"iteration\":1,"
                + "\"overallScore\":70,\"assessmentSummary\":\"ok\",\"detailedFeedback\":\"\",\"keyIssues\":[],"
                + "\"recommendations\":[\"more tests\"],\"timestamp\":\"2026-01-02T03:04:05.000006Z\"}]}");
    }

    @Test
    void anExportIsAHeaderOneAsciiLinePerRecordInKindOrderAndATrailerWithCountsAndChecksum() {
        String text = Samples.text(Samples.export(Samples.full()));
        List<String> lines = text.lines().toList();

        assertThat(lines.getFirst()).isEqualTo("{\"format\":\"statekeeper-export\",\"version\":2}");
        assertThat(lines.getLast()).startsWith("{\"trailer\":\"statekeeper-export\",\"counts\":{\"loop\":4,"
                        + "\"objective\":1,\"spec\":2,\"specLink\":1,\"activeLoop\":3,\"roadmap\":1,\"plan\":2,\"session\":2,"
                        + "\"event\":19,\"eventSequence\":1},\"sha256\":\"")
                .matches(".*\"sha256\":\"[0-9a-f]{64}\"}");
        assertThat(text).endsWith("}\n");
        assertThat(text.chars()).allMatch(c -> c < 128);
        List<String> kinds = lines.subList(1, lines.size() - 1).stream()
                .map(l -> l.substring("{\"kind\":\"".length(), l.indexOf('"', "{\"kind\":\"".length()))).toList();
        assertThat(kinds.subList(0, 16)).containsExactly("loop", "loop", "loop", "loop", "objective", "spec", "spec",
                "specLink", "activeLoop", "activeLoop", "activeLoop", "roadmap", "plan", "plan", "session", "session");
        assertThat(kinds.subList(16, 35)).containsOnly("event");
        assertThat(kinds.subList(35, kinds.size())).containsExactly("eventSequence");
        assertThat(text).contains("\"additionalSections\":{\"a\":\"first\",\"z\":\"last\"}")
                .contains("\"metadata\":{\"a\":\"1\",\"b\":\"2\"}")
                .contains("first \\uD83D\\uDC4D");
    }

    @Test
    void exportImportExportIsByteIdenticalAndTheRecordsReadBackAreTheOnesWritten() {
        MemoryStateStore original = Samples.full();
        byte[] first = Samples.export(original);
        MemoryStateStore copy = Samples.empty();

        ImportResult result = ArchiveImport.run(copy, Samples.source(first), LoadMode.REPLACE, Progress.NONE);

        assertThat(Samples.export(copy)).isEqualTo(first);
        assertThat(Samples.export(original)).isEqualTo(first);
        assertThat(copy.snapshot()).isEqualTo(original.snapshot());
        assertThat(result.loaded().summary()).containsEntry("loops", 4L).containsEntry("feedback", 2L)
                .containsEntry("specRevisions", 4L).containsEntry("activeLoops", 3L);
        List<ArchiveRecord> written = new ArrayList<>();
        original.archive().export(written::add);
        List<ArchiveRecord> read = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.of(new ByteArrayInputStream(first), "x")) {
            reader.records().forEachRemaining(read::add);
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void aGzipCompressedExportReadsTheSame() throws Exception {
        byte[] plain = Samples.export(Samples.full());
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(zipped)) {
            z.write(plain);
        }
        MemoryStateStore copy = Samples.empty();

        ArchiveImport.run(copy, Samples.source(zipped.toByteArray()), LoadMode.REPLACE, Progress.NONE);

        assertThat(Samples.export(copy)).isEqualTo(plain);
    }

    @Test
    void anEmptyStoreExportsAHeaderAndATrailerOnly() {
        assertThat(Samples.text(Samples.export(Samples.empty()))).isEqualTo("""
                {"format":"statekeeper-export","version":2}
                {"trailer":"statekeeper-export","counts":{"loop":0,"objective":0,"spec":0,"specLink":0,"activeLoop":0,\
                "roadmap":0,"plan":0,"session":0,"event":0,"eventSequence":0},\
                "sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}
                """);
    }
}
