package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An export of many chunks of lines, as the reader parses them ahead: every line comes back in file order with its
 * number, a bad line in the middle as its problem, and the end's damage only after every line before it.
 */
class ArchiveReaderTest {
    /** More lines than the reader parses ahead (4 chunks of 256). */
    private static final int LOOPS = 1_500;

    private static List<String> recordLines() {
        MemoryStateStore store = Samples.empty();
        for (int i = 0; i < LOOPS; i++) {
            store.createLoop(new NewLoop("many", LoopType.SPEC, "loop-%05d".formatted(i)));
        }
        String[] lines = Samples.text(Samples.export(store)).split("\n");
        return new ArrayList<>(Arrays.asList(lines).subList(1, lines.length - 1));
    }

    private static ArchiveReader reader(String text) {
        return ArchiveReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "export file 'test.jsonl'");
    }

    @Test
    void everyLineComesBackInOrderWithItsNumber() {
        List<String> lines = recordLines();
        lines.set(700, "{\"kind\":\"loop\",\"id\":");
        List<ArchiveLine> read = new ArrayList<>();
        try (ArchiveReader reader = reader(Samples.text(Samples.exportOf(lines.toArray(String[]::new))))) {
            reader.forEachRemaining(read::add);
        }

        assertThat(read).hasSize(lines.size());
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).number()).isEqualTo(i + 2);
            assertThat(read.get(i).ok()).isEqualTo(i != 700);
        }
        assertThat(read.get(699).record().toString()).contains("loop-00699");
        assertThat(read.get(701).record().toString()).contains("loop-00701");
        assertThat(read.get(700).problems().getFirst().field()).startsWith("line 702");
    }

    @Test
    void aTruncatedExportGivesEveryLineBeforeItsEnd() {
        List<String> lines = recordLines();
        String text = Samples.text(Samples.exportOf(lines.toArray(String[]::new)));
        List<ArchiveLine> read = new ArrayList<>();
        try (ArchiveReader reader = reader(text.substring(0, text.lastIndexOf("{\"trailer\"")))) {
            assertThatThrownBy(() -> reader.forEachRemaining(read::add))
                    .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                    .hasMessage("export file 'test.jsonl' is truncated: it ends after line " + (lines.size() + 1)
                            + " without its trailer line");
        }
        assertThat(read).hasSize(lines.size()).allMatch(ArchiveLine::ok);
    }
}
