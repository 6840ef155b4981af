package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.internal.domain.Sessions;
import dev.statekeeper.core.internal.error.Errors;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.core.internal.memory.MemorySnapshot.inconsistent;
import static dev.statekeeper.core.internal.memory.MemorySnapshot.required;

/** Agent work sessions by name. Not thread-safe. */
final class SessionRepository {
    private final MemoryClock clock;
    private final Map<String, Session> sessions = new HashMap<>();

    SessionRepository(MemoryClock clock) {
        this.clock = clock;
    }

    int size() {
        return sessions.size();
    }

    Session start(NewSession s) {
        if (sessions.containsKey(s.name())) {
            throw Errors.duplicateSession(s.name());
        }
        Instant now = clock.now();
        Session session = new Session(s.name(), s.repoName(), s.repoUrl(), s.branch(), s.taskId(), SessionStatus.ACTIVE,
                s.metadata(), now, now);
        sessions.put(s.name(), session);
        return session;
    }

    Session get(String name) {
        Session s = name == null ? null : sessions.get(name);
        if (s == null) {
            throw Errors.sessionNotFound(name);
        }
        return s;
    }

    Page<Session> list(SessionQuery query) {
        List<Session> all = sessions.values().stream()
                .filter(query::matches)
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::name))
                .toList();
        return MemoryStateStore.page(all, query.paging());
    }

    Session end(String name) {
        Session s = get(name);
        Session ended = new Session(s.name(), s.repoName(), s.repoUrl(), s.branch(), s.taskId(), SessionStatus.ENDED,
                s.metadata(), s.createdAt(), clock.now());
        sessions.put(name, ended);
        return ended;
    }

    /** Every session, oldest first (then by name). */
    List<Session> sessions() {
        return sessions.values().stream()
                .sorted(Comparator.comparing(Session::createdAt).thenComparing(Session::name))
                .toList();
    }

    /** Empties the repository, for a restore that replaces everything. */
    void clear() {
        sessions.clear();
    }

    /** Fills an empty repository from a snapshot; refuses a second session of one name. */
    void restore(List<Session> list) {
        for (Session s : list) {
            String name = required(s.name(), "the name of a session");
            required(s.status(), "the status of session '" + name + "'");
            required(s.createdAt(), "the creation time of session '" + name + "'");
            required(s.updatedAt(), "the update time of session '" + name + "'");
            if (sessions.putIfAbsent(name, s) != null) {
                throw inconsistent("session '" + name + "' appears twice");
            }
        }
    }

    List<String> clean(Duration olderThan, boolean dryRun) {
        Instant cutoff = Retention.cutoff(clock.now(), olderThan);
        List<String> old = sessions.values().stream()
                .filter(s -> Sessions.cleanable(s, cutoff))
                .map(Session::name)
                .sorted()
                .toList();
        if (!dryRun) {
            old.forEach(sessions::remove);
        }
        return old;
    }
}
