package dev.statekeeper.testkit.sql;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cascades every SQL schema keeps by itself: a row deleted with plain SQL takes along everything that
 * belongs to it. Each backend's schema test extends this and opens {@link #store} and {@link #raw} (a plain
 * connection to the same database, foreign keys enforced) before each test; both are closed after it.
 */
public abstract class SchemaCascadeChecks {
    protected StateStore store;
    protected Connection raw;

    @AfterEach
    void closeStoreAndConnection() throws Exception {
        raw.close();
        store.close();
    }

    @Test
    void deletingALoopCascadesToEverythingThatBelongsToIt() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(40));
        store.addFeedback(loop.id(), feedback(60));
        store.putObjectiveFeedback(loop.id(), "objective");
        store.putSpec("demo", spec("Auth"));
        store.linkLoop(loop.id(), "demo", "auth");

        RawSql.execute(raw, "DELETE FROM loop_states WHERE id = '" + loop.id() + "'");

        for (String table : new String[] {"critic_feedback", "loop_history", "objective_feedback", "loop_to_spec_mappings"}) {
            assertThat(RawSql.count(raw, table)).as(table).isZero();
        }
        assertThat(RawSql.count(raw, "technical_specs")).isEqualTo(1);
    }

    @Test
    void deletingASpecCascadesToItsRevisionsAndLinks() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.putSpec("demo", spec("Auth"));
        store.putSpec("demo", spec("Auth"));
        store.linkLoop(loop.id(), "demo", "auth");
        assertThat(RawSql.count(raw, "spec_revisions")).isEqualTo(2);

        RawSql.execute(raw, "DELETE FROM technical_specs");

        assertThat(RawSql.count(raw, "spec_revisions")).isZero();
        assertThat(RawSql.count(raw, "loop_to_spec_mappings")).isZero();
        assertThat(RawSql.count(raw, "loop_states")).isEqualTo(1);
    }
}
