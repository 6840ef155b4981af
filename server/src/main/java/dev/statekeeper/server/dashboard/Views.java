package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopPolicy;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Renders the dashboard's views from the store: the overview, the loops list and a loop. Every value goes through
 * {@link Html#of}, so it is escaped. Long lists are paged here ({@value #PAGE} to a page): a loop with 10,000
 * feedback entries renders 50 of them.
 */
final class Views {
    /** Items on a page of loops or of a loop's feedback. */
    static final int PAGE = 50;
    /** The most active loops the overview lists (the store's history holds STATEKEEPER_LOOP_HISTORY_SIZE). */
    static final int ACTIVE = 50;
    /** The sessions the overview lists. */
    static final int SESSIONS = 10;
    /** The decisions a loop page shows, newest first. */
    static final int DECISIONS = 50;
    /** The most of a loop's events read to find its decisions (a slice's bound until the store can filter them). */
    static final int MAX_EVENTS_SCANNED = 20_000;
    /** The longest filter value accepted, in characters. */
    static final int MAX_FILTER = 1024;
    /** The largest offset accepted. */
    static final int MAX_OFFSET = 10_000_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StateStore store;
    private final LoopPolicy policy;
    /** Whether the loop page offers its action (decide), STATEKEEPER_DASHBOARD_WRITE. */
    private final boolean write;

    Views(StateStore store, LoopPolicy policy, boolean write) {
        this.store = store;
        this.policy = policy;
        this.write = write;
    }

    /**
     * Backend and location, record counts, the store's health (a ping, and {@code doctor}: the doctor's findings by
     * severity), active loops and recent sessions.
     */
    View overview(Html doctor) {
        long sequence = sequence(store);
        StoreInfo info = store.info();
        long started = System.nanoTime();
        String health;
        try {
            store.ping();
            health = "The store answers (" + (System.nanoTime() - started) / 1_000_000 + " ms).";
        } catch (StatekeeperException e) {
            health = "The store does not answer: " + e.getMessage();
        }
        Html counts = Html.each(info.counts().entrySet(), e -> Html.of("<tr><th scope=\"row\">{}</th>"
                + "<td class=\"num\">{}</td></tr>", e.getKey(), e.getValue()));
        List<LoopSummary> active = store.activeLoops().stream().filter(l -> l.status() != LoopStatus.COMPLETED)
                .limit(ACTIVE).toList();
        Html activeTable = active.isEmpty() ? Html.of("<p class=\"empty\">No recent loop is open.</p>")
                : loopTable(active);
        List<Html> byStatus = new ArrayList<>();
        for (LoopStatus status : LoopStatus.values()) {
            long n = store.listLoops(LoopQuery.all().status(status).page(1, 0)).total();
            byStatus.add(Html.of("<li><a href=\"/dashboard/loops?status={}\">{}</a>: <span id=\"count-{}\">{}</span>"
                    + "</li>", status, status, status, n));
        }
        Page<Session> sessions = store.listSessions(SessionQuery.all().page(SESSIONS, 0));
        Html sessionTable = sessions.items().isEmpty() ? Html.of("<p class=\"empty\">No session yet.</p>")
                : Html.of("<div class=\"scroll\"><table><caption>The {} newest of {} sessions</caption><thead><tr>"
                        + "<th scope=\"col\">Name</th><th scope=\"col\">Status</th><th scope=\"col\">Repository</th>"
                        + "<th scope=\"col\">Branch</th><th scope=\"col\">Task</th><th scope=\"col\">Started</th>"
                        + "</tr></thead><tbody>{}</tbody></table></div>", sessions.items().size(), sessions.total(),
                Html.each(sessions.items(), s -> Html.of("<tr><td>{}</td><td><span class=\"status {}\">{}</span>"
                                + "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", s.name(), s.status(),
                        s.status(), s.repoName(), s.branch(), s.taskId(), time(s.createdAt()))));
        Html body = Html.of("<h1>Overview</h1><div class=\"cards\">"
                        + "<section aria-labelledby=\"store-h\"><h2 id=\"store-h\">Store</h2><dl>"
                        + "<dt>Backend</dt><dd id=\"backend\">{}</dd><dt>Location</dt><dd class=\"wrap\">{}</dd>"
                        + "<dt>Schema</dt><dd>{}</dd></dl></section>"
                        + "<section aria-labelledby=\"health-h\"><h2 id=\"health-h\">Health</h2><p id=\"health\">{}</p>{}"
                        + "<p><a href=\"/health/ready\">Readiness</a> · <a href=\"/metrics\">Metrics</a> · "
                        + "<a href=\"/openapi.json\">API description</a></p></section>"
                        + "<section aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">Records</h2><table class=\"counts\">"
                        + "<tbody>{}</tbody></table></section></div>"
                        + "<section aria-labelledby=\"status-h\"><h2 id=\"status-h\">Loops by status</h2>"
                        + "<ul class=\"inline\">{}</ul></section>"
                        + "<section aria-labelledby=\"active-h\"><h2 id=\"active-h\">Active loops</h2><p class=\"note\">"
                        + "Open loops of the store's active-loop history (the most recently created).</p>{}</section>"
                        + "<section aria-labelledby=\"sessions-h\"><h2 id=\"sessions-h\">Recent sessions</h2>{}</section>",
                info.backend(), info.location(), info.schemaVersion() == null ? "none" : info.schemaVersion(),
                health, doctor, counts, Html.join(byStatus), activeTable, sessionTable);
        return new View(200, "Overview", body, sequence, null);
    }

    /** A page of loops, filtered by project, type and status (the query's values, checked here). */
    View loops(Map<String, List<String>> query) {
        long sequence = sequence(store);
        String project = text(query, "project");
        LoopType type = choice(query, "type", LoopType.class);
        LoopStatus status = choice(query, "status", LoopStatus.class);
        int offset = offset(query);
        Page<LoopSummary> page = store.listLoops(new LoopQuery(project, type, status, null)
                .page(PAGE, offset));
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/loops\" role=\"search\">"
                        + "<label>Project <input name=\"project\" value=\"{}\" maxlength=\"{}\"></label>"
                        + "<label>Type <select name=\"type\">{}</select></label>"
                        + "<label>Status <select name=\"status\">{}</select></label>"
                        + "<button type=\"submit\">Filter</button></form>",
                project, MAX_FILTER, options(LoopType.values(), type), options(LoopStatus.values(), status));
        String filters = filterQuery(project, type, status);
        Html list = page.items().isEmpty() ? Html.of("<p class=\"empty\">No loop matches.</p>")
                : Html.of("{}{}", loopTable(page.items()), pager("/dashboard/loops?" + filters, page.offset(),
                page.items().size(), page.total(), "loops"));
        return new View(200, "Loops", Html.of("<h1>Loops</h1>{}<p id=\"loop-count\">{} loops match.</p>{}", form,
                page.total(), list), sequence, null);
    }

    /** A loop: its fields, the score chart with the type's threshold, its decisions and a page of its feedback. */
    View loop(String id, Map<String, List<String>> query) {
        long sequence = sequence(store);
        int offset = offset(query);
        Loop loop = store.getLoop(id);
        int threshold = policy.threshold(loop.type());
        List<CriticFeedback> all = loop.feedback();
        int total = all.size();
        // newest first: the entry at position i (0 = newest) is all.get(total - 1 - i)
        List<Html> entries = new ArrayList<>();
        for (int i = offset; i < Math.min(total, offset + PAGE); i++) {
            entries.add(feedback(total - i, all.get(total - 1 - i)));
        }
        Html feedback = total == 0 ? Html.of("<p class=\"empty\">No feedback yet.</p>")
                : entries.isEmpty() ? Html.of("<p class=\"empty\">No feedback on this page: it has {} entries.</p>"
                        + "<p><a href=\"/dashboard/loops/{}\">Newest feedback</a></p>", total, Html.segment(id))
                : Html.of("<ol class=\"feedback\" reversed start=\"{}\">{}</ol>{}", total - offset, Html.join(entries),
                        pager("/dashboard/loops/" + Html.segment(id) + "?", offset, entries.size(), total,
                                "feedback entries"));
        Html body = Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/dashboard/loops\">Loops</a>"
                        + " › <a href=\"/dashboard/loops?project={}\">{}</a></nav>"
                        + "<h1>Loop <code>{}</code></h1><dl class=\"fields\">"
                        + "<dt>Project</dt><dd id=\"project\">{}</dd><dt>Type</dt><dd>{}</dd>"
                        + "<dt>Status</dt><dd><span class=\"status {}\" id=\"status\">{}</span></dd>"
                        + "<dt>Latest score</dt><dd id=\"score\">{}</dd><dt>Threshold</dt><dd>{}</dd>"
                        + "<dt>Iteration</dt><dd>{}</dd><dt>Feedback</dt><dd id=\"feedback-count\">{}</dd>"
                        + "<dt>Updated</dt><dd>{}</dd><dt>Version</dt><dd>{}</dd></dl>{}"
                        + "<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Score</h2>{}</section>"
                        + "<section aria-labelledby=\"decisions-h\"><h2 id=\"decisions-h\">Decisions</h2>{}</section>"
                        + "<section aria-labelledby=\"feedback-h\"><h2 id=\"feedback-h\">Feedback</h2>{}</section>",
                Html.segment(loop.project()), loop.project(), loop.id(), loop.project(), loop.type(),
                loop.status(), loop.status(), loop.currentScore(), threshold, loop.iteration(), total,
                time(loop.updatedAt()), loop.version(), write ? DocumentViews.decideAction(loop) : Html.EMPTY,
                ScoreChart.render(ScoreChart.byIteration(all), threshold),
                decisions(loop.id()), feedback);
        return new View(200, "Loop " + loop.id(), body, sequence, "loop:" + loop.id());
    }

    /** What went wrong, as a view with its status. */
    static View problem(int status, String title, String detail) {
        return new View(status, title, Html.of("<h1>{}</h1><p class=\"problem\" role=\"alert\">{}</p>"
                + "<p><a href=\"/\">Overview</a> · <a href=\"/dashboard/loops\">Loops</a></p>", title, detail), -1, null);
    }

    private static Html loopTable(List<LoopSummary> loops) {
        return Html.of("<div class=\"scroll\"><table class=\"loops\"><thead><tr><th scope=\"col\">Loop</th>"
                + "<th scope=\"col\">Project</th><th scope=\"col\">Type</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Iteration</th>"
                + "<th scope=\"col\" class=\"num\">Feedback</th><th scope=\"col\">Updated</th></tr></thead><tbody>{}"
                + "</tbody></table></div>", Html.each(loops, l -> Html.of("<tr><td><a href=\"/dashboard/loops/{}\">"
                        + "<code>{}</code></a></td><td>{}</td><td>{}</td><td><span class=\"status {}\">{}</span></td>"
                        + "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                Html.segment(l.id()), shortId(l.id()), l.project(), l.type(), l.status(), l.status(), l.currentScore(),
                l.iteration(), l.feedbackCount(), time(l.updatedAt()))));
    }

    private static Html feedback(int number, CriticFeedback f) {
        return Html.of("<li class=\"entry\" value=\"{}\"><header><strong>{}</strong> · iteration {} · score "
                        + "<strong>{}</strong> · <time datetime=\"{}\">{}</time></header><p class=\"summary\">{}</p>{}{}{}"
                        + "</li>", number, f.criticAgent(), f.iteration(), f.overallScore(), f.timestamp(),
                time(f.timestamp()), f.assessmentSummary(), list("Key issues", f.keyIssues()),
                list("Recommendations", f.recommendations()), f.detailedFeedback().isEmpty() ? Html.EMPTY
                        : Html.of("<details><summary>Details</summary><pre>{}</pre></details>", f.detailedFeedback()));
    }

    private static Html list(String title, List<String> items) {
        return items.isEmpty() ? Html.EMPTY : Html.of("<h3>{}</h3><ul>{}</ul>", title,
                Html.each(items, item -> Html.of("<li>{}</li>", item)));
    }

    /**
     * The loop's latest decisions, newest first, from the change history (the store keeps no decision records);
     * a sentence when the history cannot be read.
     */
    private Html decisions(String id) {
        Deque<StoreEvent> decided = new ArrayDeque<>();
        EventQuery query = EventQuery.all().withEntity(EntityKind.LOOP, id).withLimit(EventQuery.MAX_LIMIT);
        try {
            for (int scanned = 0; scanned < MAX_EVENTS_SCANNED; ) {
                EventBatch batch = store.events().read(query);
                for (StoreEvent e : batch.events()) {
                    if (e.change() == Change.LOOP_DECIDED) {
                        decided.addFirst(e);
                        if (decided.size() > DECISIONS) {
                            decided.removeLast();
                        }
                    }
                }
                scanned += batch.events().size();
                if (batch.events().size() < query.limit()) {
                    break;
                }
                query = query.withAfter(batch.next(query));
            }
        } catch (StatekeeperException e) {
            return Html.of("<p class=\"empty\">The change history cannot be read now, so the decisions cannot be "
                    + "listed: {}</p>", e.getMessage());
        }
        if (decided.isEmpty()) {
            return Html.of("<p class=\"empty\">No decision yet.</p>");
        }
        return Html.of("<div class=\"scroll\"><table class=\"decisions\"><thead><tr><th scope=\"col\">When</th>"
                + "<th scope=\"col\">Decision</th><th scope=\"col\" class=\"num\">Score</th>"
                + "<th scope=\"col\" class=\"num\">Threshold</th><th scope=\"col\" class=\"num\">Next iteration</th>"
                + "<th scope=\"col\">By</th></tr></thead><tbody>{}</tbody></table></div>", Html.each(decided,
                e -> Html.of("<tr><td>{}</td><td><span class=\"status {}\">{}</span></td><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>", time(e.time()),
                        e.summary().get("status"), e.summary().get("status"), e.summary().get("score"),
                        e.summary().get("threshold"), e.summary().get("iteration"),
                        e.actor() == null ? e.via().wire() : e.actor() + " (" + e.via().wire() + ")")));
    }

    /** Previous and next links around a page of {@code shown} items from {@code offset}, of {@code total}. */
    static Html pager(String base, int offset, int shown, long total, String what) {
        Html previous = offset == 0 ? Html.EMPTY : Html.of("<a rel=\"prev\" href=\"{}offset={}\">Previous</a>", base
                + (base.endsWith("?") ? "" : "&"), Math.max(0, offset - PAGE));
        Html next = offset + shown >= total ? Html.EMPTY : Html.of("<a rel=\"next\" href=\"{}offset={}\">Next</a>",
                base + (base.endsWith("?") ? "" : "&"), offset + shown);
        return Html.of("<nav class=\"pager\" aria-label=\"Pages\"><span>{}–{} of {} {}</span>{}{}</nav>",
                offset + 1, offset + shown, total, what, previous, next);
    }

    static <E extends Enum<E>> Html options(E[] values, E chosen) {
        List<Html> options = new ArrayList<>();
        options.add(Html.of("<option value=\"\">any</option>"));
        for (E value : values) {
            options.add(Html.of("<option value=\"{}\"{}>{}</option>", value, value == chosen ? Html.of(" selected")
                    : Html.EMPTY, value));
        }
        return Html.join(options);
    }

    private static String filterQuery(String project, LoopType type, LoopStatus status) {
        StringBuilder q = new StringBuilder();
        if (project != null) {
            q.append("project=").append(Html.segment(project));
        }
        if (type != null) {
            q.append(q.isEmpty() ? "" : "&").append("type=").append(type);
        }
        if (status != null) {
            q.append(q.isEmpty() ? "" : "&").append("status=").append(status);
        }
        return q.toString();
    }

    /** The store's newest event, or -1 when the change history cannot be read (the page then polls). */
    static long sequence(StateStore store) {
        try {
            return store.events().lastSequence();
        } catch (StatekeeperException e) {
            return -1;
        }
    }

    /** An optional text parameter: null when absent or empty; refused when too long or holding control characters. */
    static String text(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER || value.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new BadInput(name + " must be at most " + MAX_FILTER + " characters, without control characters");
        }
        return value;
    }

    static <E extends Enum<E>> E choice(Map<String, List<String>> query, String name, Class<E> type) {
        String value = text(query, name);
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(value)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.toString());
        }
        throw new BadInput(name + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
    }

    static int offset(Map<String, List<String>> query) {
        String value = single(query, "offset");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) > MAX_OFFSET) {
            throw new BadInput("offset must be a whole number from 0 to " + MAX_OFFSET + ", not '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
        return Integer.parseInt(value);
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadInput(name + " must be given once");
        }
        return values.getFirst();
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 8) + "…" : id;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A query value the dashboard refuses (400), with why. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
