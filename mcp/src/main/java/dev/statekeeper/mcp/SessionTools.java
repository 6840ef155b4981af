package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;

import java.util.List;
import java.util.Map;

/** Agent work sessions: start, read, list, end. */
final class SessionTools {
    private SessionTools() {
    }

    record StartSession(
            @Arg(value = "a unique name: letters, digits and . _ # : / @ + -", required = true) String name,
            @Arg("the repository worked on") String repoName,
            @Arg("where the repository lives") String repoUrl,
            @Arg("the branch worked on") String branch,
            @Arg("the task worked on") String taskId,
            @Arg("free-form metadata, as an object of key: text") Map<String, String> metadata) {
    }

    record SessionRef(@Arg(value = "the session's name", required = true) String name) {
    }

    record ListSessions(
            @Arg("only sessions in this status") SessionStatus status,
            @Arg("only sessions on this repository") String repoName,
            @Arg("only sessions on this task") String taskId,
            @Arg(value = "at most this many sessions (default 50)", min = 1, max = Paging.MAX_LIMIT) Integer limit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.writes("start_session", StartSession.class, ToolDef.type(Session.class), "Start an agent work session under a unique name.",
                        (store, a) -> store.startSession(new NewSession(a.name(), a.repoName(), a.repoUrl(),
                                a.branch(), a.taskId(), a.metadata()))),
                ToolDef.reads("get_session", SessionRef.class, ToolDef.type(Session.class), "A work session.",
                        (store, a) -> store.getSession(a.name())),
                ToolDef.reads("list_sessions", ListSessions.class, ToolDef.listing(Session.class), "Work sessions, newest first, one page at a time.",
                        (store, a) -> Listing.of(store.listSessions(new SessionQuery(a.status(), a.repoName(),
                                a.taskId(), Paging.of(a.limit(), Listing.offset(a.cursor())))))),
                ToolDef.writes("end_session", SessionRef.class, ToolDef.type(Session.class), "End a work session.",
                        (store, a) -> store.endSession(a.name())));
    }
}
