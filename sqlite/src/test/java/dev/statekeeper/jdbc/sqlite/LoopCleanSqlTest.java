package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.jdbc.internal.store.LoopRepository;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL of {@code loop clean} that the contract cannot see: the recheck after a lost commit and the index. */
class LoopCleanSqlTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    @Test
    void theRecheckAsksForEveryRemovedIdInChunksOfOneSize() throws Exception {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(settings(file), clock);
             Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "id-250"));
            LoopRepository loops = new LoopRepository(null, clock, 10, Settings.defaults().loopPolicy());
            List<String> gone = IntStream.range(0, 250).mapToObj(i -> "id-" + i).toList();
            List<String> oneLeft = new ArrayList<>(gone);
            oneLeft.add("id-250"); // alone at the end of the third chunk, which repeats its first id to fill up

            assertThat(loops.anyExists(raw, List.of())).isFalse();
            assertThat(loops.anyExists(raw, gone)).isFalse();
            assertThat(loops.anyExists(raw, oneLeft)).isTrue();
        }
    }

    @Test
    void sqliteFindsTheCleanableLoopsThroughTheIndexOverStatusAndUpdate() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteStateStore.open(settings(file), clock).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             ResultSet plan = statement.executeQuery("EXPLAIN QUERY PLAN DELETE" + LoopRepository.CLEANABLE.replace("?", "0"))) {
            List<String> steps = new ArrayList<>();
            while (plan.next()) {
                steps.add(plan.getString("detail"));
            }
            assertThat(steps).anySatisfy(step -> assertThat(step)
                    .contains("INDEX idx_loop_states_status_updated (status=? AND updated_at<?)"));
        }
    }

    private static Settings settings(Path file) {
        return Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file).build();
    }
}
