package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.domain.Session;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;

/** How sessions read on a terminal. */
final class SessionText {
    private SessionText() {
    }

    static void describe(Session s, PrintWriter out) {
        KeyValues block = new KeyValues()
                .add("name", s.name())
                .add("status", s.status())
                .add("repo", s.repoName())
                .add("repo url", s.repoUrl())
                .add("branch", s.branch())
                .add("task", s.taskId())
                .add("created", Text.time(s.createdAt()))
                .add("updated", Text.time(s.updatedAt()));
        new TreeMap<>(s.metadata()).forEach((key, value) -> block.add("meta " + key, value));
        block.print(out);
    }

    static void table(List<Session> sessions, PrintWriter out) {
        if (sessions.isEmpty()) {
            out.println("no sessions");
            return;
        }
        Table table = new Table("NAME", "STATUS", "REPO", "BRANCH", "TASK", "UPDATED");
        for (Session s : sessions) {
            table.row(s.name(), s.status(), s.repoName(), s.branch(), s.taskId(), Text.time(s.updatedAt()));
        }
        table.print(out);
    }
}
