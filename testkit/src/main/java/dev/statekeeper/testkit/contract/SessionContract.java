package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Agent work sessions: start, get, list, end, clean. */
public abstract class SessionContract extends ContractBase {

    @Test
    void startsAndReadsASessionWithItsMetadata() {
        Session started = store.startSession(new NewSession("task-42", "statekeeper", "https://example.org/sk.git",
                "main", "42", Map.of("agent", "claude", "note", "x")));

        assertThat(started.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(started.metadata()).containsEntry("agent", "claude");
        assertThat(store.getSession("task-42")).isEqualTo(started);
    }

    @Test
    void refusesADuplicateOrInvalidName() {
        store.startSession(NewSession.named("s1"));

        failure(ErrorCode.DUPLICATE, "session 's1' already exists", () -> store.startSession(NewSession.named("s1")));
        failure(ErrorCode.VALIDATION_FAILED, "invalid session: name = '-bad name': must start with a letter or digit "
                        + "and use only letters, digits and . _ # : / @ + -",
                () -> store.startSession(NewSession.named("-bad name")));
        failure(ErrorCode.VALIDATION_FAILED, "invalid session: name = (missing): is required",
                () -> store.startSession(NewSession.named(null)));
        failure(ErrorCode.SESSION_NOT_FOUND, "session 'nope' not found", () -> store.getSession("nope"));
        failure(ErrorCode.VALIDATION_FAILED, "invalid session: metadata.agent = (missing): is required",
                () -> store.startSession(new NewSession("s2", null, null, null, null,
                        java.util.Collections.singletonMap("agent", null))));
    }

    @Test
    void listsNewestFirstWithFiltersAndPaging() {
        store.startSession(new NewSession("a", "repo1", null, null, "t1", null));
        store.startSession(new NewSession("b", "repo2", null, null, "t2", null));
        store.startSession(new NewSession("c", "repo1", null, null, "t3", null));
        store.endSession("a");

        assertThat(names(store.listSessions(SessionQuery.all()))).containsExactly("c", "b", "a");
        assertThat(names(store.listSessions(SessionQuery.all().status(SessionStatus.ENDED)))).containsExactly("a");
        assertThat(names(store.listSessions(SessionQuery.all().repoName("repo1")))).containsExactly("c", "a");
        assertThat(names(store.listSessions(SessionQuery.all().taskId("t2")))).containsExactly("b");
        Page<Session> page = store.listSessions(SessionQuery.all().page(2, 1));
        assertThat(names(page)).containsExactly("b", "a");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void endingASessionMarksItEnded() {
        Session started = store.startSession(NewSession.named("s1"));

        Session ended = store.endSession("s1");

        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.updatedAt()).isAfter(started.updatedAt());
        assertThat(store.getSession("s1")).isEqualTo(ended);
        failure(ErrorCode.SESSION_NOT_FOUND, "session 'nope' not found", () -> store.endSession("nope"));
    }

    @Test
    void cleanRemovesOnlyEndedSessionsOlderThanTheCutoff() {
        store.startSession(NewSession.named("old-ended"));
        store.startSession(NewSession.named("old-active"));
        store.endSession("old-ended");
        clock.advance(Duration.ofDays(31));
        store.startSession(NewSession.named("new-ended"));
        store.endSession("new-ended");

        assertThat(store.cleanSessions(Duration.ofDays(30), true)).containsExactly("old-ended");
        assertThat(store.listSessions(SessionQuery.all()).total()).isEqualTo(3);

        assertThat(store.cleanSessions(Duration.ofDays(30), false)).containsExactly("old-ended");
        assertThat(names(store.listSessions(SessionQuery.all()))).containsExactly("new-ended", "old-active");
        assertThat(store.cleanSessions(Duration.ofDays(30), false)).isEmpty();
        failure(ErrorCode.VALIDATION_FAILED, "invalid clean: olderThan = PT-1S: must be >= 0",
                () -> store.cleanSessions(Duration.ofSeconds(-1), false));
    }

    private static List<String> names(Page<Session> page) {
        return page.items().stream().map(Session::name).toList();
    }
}
