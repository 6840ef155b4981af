package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The project documents and the sessions: roadmaps (per project, with the project's specs), project plans and work
 * sessions, as readable pages. A document's free-text fields are shown under headings, grouped as the planning
 * seeds group them; within a field, lines that start with {@code - }, {@code * } or {@code 1. } become lists and
 * lines between {@code |} become a table. Every value goes through {@link Html#of}, so it is escaped; long lists are
 * paged ({@value Views#PAGE} to a page).
 *
 * <p>With STATEKEEPER_DASHBOARD_WRITE the session page offers "End session", the sessions list "Clean", and the
 * loop page (in {@link Views}) "Decide": each a button the script confirms and then sends to the JSON API's own route
 * with an {@code Idempotency-Key}; without it no button is rendered.
 */
final class DocumentViews {
    /** The most of the change history read to find the projects that have a roadmap. */
    static final int MAX_EVENTS_SCANNED = Views.MAX_EVENTS_SCANNED;
    /** The most metadata pairs a session page shows (the API has them all). */
    static final int METADATA = 200;
    private static final Pattern BULLET = Pattern.compile("\\s*[-*•]\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("\\s*\\d{1,4}[.)]\\s+(.*)");
    private static final Pattern TABLE_RULE = Pattern.compile("\\|?[\\s:|-]*-[\\s:|-]*\\|?");

    private final StateStore store;
    private final boolean write;

    DocumentViews(StateStore store, boolean write) {
        this.store = store;
        this.write = write;
    }

    // ---- roadmaps ----

    /**
     * The projects whose roadmap is in the change history, paged; with {@code project} given, that project's
     * roadmap (the form for a project the history no longer names).
     */
    View roadmaps(Map<String, List<String>> query) {
        String project = Views.text(query, "project");
        if (project != null) {
            return roadmap(project, query);
        }
        long sequence = Views.sequence(store);
        int offset = Views.offset(query);
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/roadmaps\" role=\"search\">"
                + "<label>Project <input name=\"project\" required maxlength=\"{}\"></label>"
                + "<button type=\"submit\">Open its roadmap</button></form>", Views.MAX_FILTER);
        Html list;
        try {
            List<String> projects = new ArrayList<>(roadmapProjects());
            List<String> shown = projects.subList(Math.min(offset, projects.size()),
                    Math.min(projects.size(), offset + Views.PAGE));
            list = projects.isEmpty() ? Html.of("<p class=\"empty\">No roadmap in the change history.</p>")
                    : shown.isEmpty() ? Html.of("<p class=\"empty\">No roadmap on this page: there are {}.</p>",
                    projects.size())
                    : Html.of("<ul class=\"projects\">{}</ul>{}", Html.each(shown, p -> Html.of(
                            "<li><a href=\"/dashboard/roadmaps/{}\">{}</a></li>", path(p), p)),
                    Views.pager("/dashboard/roadmaps?", offset, shown.size(), projects.size(), "roadmaps"));
        } catch (StatekeeperException e) {
            list = Html.of("<p class=\"empty\">The change history cannot be read now, so the roadmaps cannot be "
                    + "listed: {}</p>", e.getMessage());
        }
        return new View(200, "Roadmaps", Html.of("<h1>Roadmaps</h1><p class=\"note\">One roadmap per project; "
                + "listed are the projects whose roadmap the store's change history names.</p>{}{}", form, list),
                sequence, "roadmap");
    }

    /** A project's roadmap: its status, its fields under headings, and a page of the project's specs. */
    View roadmap(String project, Map<String, List<String>> query) {
        long sequence = Views.sequence(store);
        int offset = Views.offset(query);
        Roadmap roadmap = store.getRoadmap(project);
        RoadmapContent c = roadmap.content();
        Html facts = facts(new String[][] {{"Total duration", c.totalDuration()}, {"Team size", c.teamSize()},
                {"Budget", c.budget()}, {"Buffer time", c.bufferTime()}});
        List<Html> sections = new ArrayList<>();
        sections.add(group("Goal", new String[][] {{"Project goal", c.projectGoal()}}));
        sections.add(group("Milestones", new String[][] {{"Technical milestones", c.technicalMilestones()},
                {"Business milestones", c.businessMilestones()}}));
        sections.add(group("Critical path", new String[][] {{"Critical path analysis", c.criticalPathAnalysis()}}));
        sections.add(group("Risks", new String[][] {{"Key risks", c.keyRisks()},
                {"Mitigation plans", c.mitigationPlans()}}));
        sections.add(group("Resources", new String[][] {{"Development resources", c.developmentResources()},
                {"Infrastructure requirements", c.infrastructureRequirements()},
                {"External dependencies", c.externalDependencies()}}));
        sections.add(group("Quality", new String[][] {{"Quality assurance plan", c.qualityAssurancePlan()},
                {"Quality gates", c.qualityGates()}, {"Performance targets", c.performanceTargets()}}));
        List<Spec> specs = roadmap.specs();
        List<Spec> page = specs.subList(Math.min(offset, specs.size()), Math.min(specs.size(), offset + Views.PAGE));
        Html specTable = specs.isEmpty() ? Html.of("<p class=\"empty\">The project has no spec yet.</p>")
                : page.isEmpty() ? Html.of("<p class=\"empty\">No spec on this page: the project has {}.</p>",
                specs.size())
                : Html.of("<div class=\"scroll\"><table class=\"specs\"><caption>The project's specs in creation "
                        + "order</caption><thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Name</th>"
                        + "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Iteration</th>"
                        + "<th scope=\"col\" class=\"num\">Version</th><th scope=\"col\">Updated</th></tr></thead>"
                        + "<tbody>{}</tbody></table></div>{}", Html.each(page, s -> Html.of("<tr><td>{}</td><td>"
                                + "<code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                                + "<td>{}</td></tr>", s.content().title(), s.name(), badge(s.content().status()),
                        s.iteration(), s.version(), Views.time(s.updatedAt()))),
                Views.pager("/dashboard/roadmaps/" + path(project) + "?", offset, page.size(), specs.size(),
                        "specs"));
        Html body = Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/dashboard/roadmaps\">Roadmaps"
                        + "</a> › {}</nav><h1>{}</h1><dl class=\"fields\"><dt>Project</dt><dd id=\"project\">{}</dd>"
                        + "<dt>Status</dt><dd id=\"status\">{}</dd><dt>Version</dt><dd>{}</dd>"
                        + "<dt>Created</dt><dd>{}</dd><dt>Updated</dt><dd>{}</dd>{}</dl>"
                        + "<p><a href=\"/dashboard/plans/{}\">The project's plan</a></p>{}"
                        + "<section aria-labelledby=\"specs-h\"><h2 id=\"specs-h\">Specs</h2>{}</section>",
                project, c.title() == null || c.title().isEmpty() ? "Roadmap" : c.title(), project,
                badge(c.status()), roadmap.version(), Views.time(roadmap.createdAt()),
                Views.time(roadmap.updatedAt()), facts, path(project), document(sections), specTable);
        // the roadmap and its project's specs: any roadmap or spec event may change it
        return new View(200, "Roadmap " + project, body, sequence, null);
    }

    /** The projects the change history names a roadmap of, in code-point order (bounded scan). */
    private TreeSet<String> roadmapProjects() {
        TreeSet<String> projects = new TreeSet<>();
        EventQuery q = EventQuery.all().withEntity(EntityKind.ROADMAP, null).withLimit(EventQuery.MAX_LIMIT);
        for (int scanned = 0; scanned < MAX_EVENTS_SCANNED; ) {
            EventBatch batch = store.events().read(q);
            for (StoreEvent e : batch.events()) {
                projects.add(e.entityId());
            }
            scanned += batch.events().size();
            if (batch.events().size() < q.limit()) {
                break;
            }
            q = q.withAfter(batch.next(q));
        }
        return projects;
    }

    // ---- plans ----

    /** A page of project plans, filtered by status. */
    View plans(Map<String, List<String>> query) {
        long sequence = Views.sequence(store);
        PlanStatus status = Views.choice(query, "status", PlanStatus.class);
        int offset = Views.offset(query);
        Page<ProjectPlan> page = store.listPlans(PlanQuery.all().status(status).page(Views.PAGE, offset));
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/plans\" role=\"search\">"
                + "<label>Status <select name=\"status\">{}</select></label><button type=\"submit\">Filter</button>"
                + "</form>", Views.options(PlanStatus.values(), status));
        Html list = page.items().isEmpty() ? Html.of("<p class=\"empty\">No plan matches.</p>")
                : Html.of("<div class=\"scroll\"><table class=\"plans\"><caption>Plans by project</caption><thead>"
                        + "<tr><th scope=\"col\">Project</th><th scope=\"col\">Status</th><th scope=\"col\">Vision"
                        + "</th><th scope=\"col\" class=\"num\">Version</th><th scope=\"col\">Updated</th></tr>"
                        + "</thead><tbody>{}</tbody></table></div>{}", Html.each(page.items(), p -> Html.of(
                                "<tr><td><a href=\"/dashboard/plans/{}\">{}</a></td><td>{}</td><td>{}</td>"
                                        + "<td class=\"num\">{}</td><td>{}</td></tr>", path(p.project()), p.project(),
                                badge(p.content().status()), excerpt(p.content().vision()), p.version(),
                                Views.time(p.updatedAt()))),
                Views.pager("/dashboard/plans?" + (status == null ? "" : "status=" + status), page.offset(),
                        page.items().size(), page.total(), "plans"));
        return new View(200, "Plans", Html.of("<h1>Project plans</h1>{}<p id=\"plan-count\">{} plans match.</p>{}",
                form, page.total(), list), sequence, "plan");
    }

    /** A project's plan: its status and its fields under headings. */
    View plan(String project) {
        long sequence = Views.sequence(store);
        ProjectPlan plan = store.getPlan(project);
        PlanContent c = plan.content();
        Html facts = facts(new String[][] {{"Timeline", c.timeline()}, {"Budget", c.budget()},
                {"Sponsor", c.projectSponsor()}});
        List<Html> sections = new ArrayList<>();
        sections.add(group("Vision and mission", new String[][] {{"Vision", c.vision()}, {"Mission", c.mission()}}));
        sections.add(group("Objectives", new String[][] {{"Objectives", c.objectives()},
                {"Success metrics", c.successMetrics()}, {"Key performance indicators", c.keyPerformanceIndicators()}}));
        sections.add(group("Scope", new String[][] {{"Included features", c.includedFeatures()},
                {"Excluded features", c.excludedFeatures()}, {"Assumptions", c.assumptions()},
                {"Constraints", c.constraints()}}));
        sections.add(group("Phases and work", new String[][] {{"Phases", c.phasesOverview()},
                {"Work breakdown", c.workBreakdown()}, {"Dependencies", c.projectDependencies()}}));
        sections.add(group("People", new String[][] {{"Key stakeholders", c.keyStakeholders()},
                {"End users", c.endUsers()}, {"Team structure", c.teamStructure()}}));
        sections.add(group("Resources", new String[][] {{"Technology requirements", c.technologyRequirements()},
                {"Infrastructure needs", c.infrastructureNeeds()}}));
        sections.add(group("Risks", new String[][] {{"Identified risks", c.identifiedRisks()},
                {"Mitigation strategies", c.mitigationStrategies()}, {"Contingency plans", c.contingencyPlans()}}));
        sections.add(group("Quality", new String[][] {{"Quality standards", c.qualityStandards()},
                {"Testing strategy", c.testingStrategy()}, {"Acceptance criteria", c.acceptanceCriteria()}}));
        sections.add(group("Communication", new String[][] {{"Reporting structure", c.reportingStructure()},
                {"Meeting schedule", c.meetingSchedule()}, {"Documentation standards", c.documentationStandards()}}));
        Html body = Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/dashboard/plans\">Plans</a>"
                        + " › {}</nav><h1>Plan of {}</h1><dl class=\"fields\"><dt>Project</dt><dd id=\"project\">{}"
                        + "</dd><dt>Status</dt><dd id=\"status\">{}</dd><dt>Version</dt><dd>{}</dd>"
                        + "<dt>Created</dt><dd>{}</dd><dt>Updated</dt><dd>{}</dd>{}</dl>"
                        + "<p><a href=\"/dashboard/roadmaps/{}\">The project's roadmap</a></p>{}",
                project, project, project, badge(c.status()), plan.version(), Views.time(plan.createdAt()),
                Views.time(plan.updatedAt()), facts, path(project), document(sections));
        return new View(200, "Plan " + project, body, sequence, "plan:" + project);
    }

    // ---- sessions ----

    /** A page of sessions, newest first, filtered by status; with write on, the clean form. */
    View sessions(Map<String, List<String>> query) {
        long sequence = Views.sequence(store);
        SessionStatus status = Views.choice(query, "status", SessionStatus.class);
        int offset = Views.offset(query);
        Page<Session> page = store.listSessions(SessionQuery.all().status(status).page(Views.PAGE, offset));
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/sessions\" role=\"search\">"
                + "<label>Status <select name=\"status\">{}</select></label><button type=\"submit\">Filter</button>"
                + "</form>", Views.options(SessionStatus.values(), status));
        Html list = page.items().isEmpty() ? Html.of("<p class=\"empty\">No session matches.</p>")
                : Html.of("<div class=\"scroll\"><table class=\"sessions\"><caption>Sessions, newest first</caption>"
                        + "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Status</th><th scope=\"col\">"
                        + "Repository</th><th scope=\"col\">Branch</th><th scope=\"col\">Task</th><th scope=\"col\">"
                        + "Started</th><th scope=\"col\">Updated</th></tr></thead><tbody>{}</tbody></table></div>{}",
                Html.each(page.items(), s -> Html.of("<tr><td><a href=\"/dashboard/sessions/{}\">{}</a></td>"
                                + "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        path(s.name()), s.name(), badge(s.status()), s.repoName(), s.branch(), s.taskId(),
                        Views.time(s.createdAt()), Views.time(s.updatedAt()))),
                Views.pager("/dashboard/sessions?" + (status == null ? "" : "status=" + status), page.offset(),
                        page.items().size(), page.total(), "sessions"));
        Html clean = !write ? Html.EMPTY : Html.of("<section aria-labelledby=\"clean-h\"><h2 id=\"clean-h\">Clean"
                + "</h2><form class=\"action\" data-api=\"/api/v1/sessions/clean\" data-confirm=\"Remove every "
                + "ended session last updated longer ago than the age given? This cannot be undone.\">"
                + "<label for=\"older-than\">Remove ended sessions older than</label> <input id=\"older-than\" "
                + "name=\"olderThan\" value=\"30d\" required maxlength=\"32\" aria-describedby=\"older-than-hint\"> "
                + "<button type=\"submit\">Clean…</button><p id=\"older-than-hint\" class=\"note\">A number and s, "
                + "m, h, d or w, such as 30d.</p></form></section>");
        return new View(200, "Sessions", Html.of("<h1>Sessions</h1>{}<p id=\"session-count\">{} sessions match.</p>"
                + "{}{}", form, page.total(), list, clean), sequence, "session");
    }

    /** A session: its fields and metadata; with write on and the session active, the end button. */
    View session(String name) {
        long sequence = Views.sequence(store);
        Session s = store.getSession(name);
        List<Map.Entry<String, String>> pairs = new TreeMap<>(s.metadata()).entrySet().stream().limit(METADATA)
                .toList();
        Html metadata = s.metadata().isEmpty() ? Html.of("<p class=\"empty\">No metadata.</p>")
                : Html.of("<div class=\"scroll\"><table class=\"metadata\"><caption>Metadata{}</caption><thead><tr>"
                        + "<th scope=\"col\">Key</th><th scope=\"col\">Value</th></tr></thead><tbody>{}</tbody>"
                        + "</table></div>", pairs.size() < s.metadata().size() ? ": the first " + METADATA + " of "
                        + s.metadata().size() + " keys (GET /api/v1/sessions/" + path(s.name()) + " has them all)" : "",
                Html.each(pairs, e -> Html.of("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", e.getKey(),
                        e.getValue())));
        Html end = !write || s.status() != SessionStatus.ACTIVE ? Html.EMPTY : Html.of("<section class=\"actions\" "
                + "aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2><button type=\"button\" "
                + "class=\"action\" id=\"end-session\" data-api=\"/api/v1/sessions/{}/end\" data-confirm=\"End session "
                + "{}? Its status becomes ended.\">End session…</button></section>", path(s.name()), s.name());
        Html body = Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/dashboard/sessions\">"
                        + "Sessions</a></nav><h1>Session <code>{}</code></h1><dl class=\"fields\">"
                        + "<dt>Status</dt><dd id=\"status\">{}</dd><dt>Repository</dt><dd>{}</dd>"
                        + "<dt>Repository URL</dt><dd>{}</dd><dt>Branch</dt><dd>{}</dd><dt>Task</dt><dd>{}</dd>"
                        + "<dt>Started</dt><dd>{}</dd><dt>Updated</dt><dd>{}</dd></dl>{}"
                        + "<section aria-labelledby=\"metadata-h\"><h2 id=\"metadata-h\">Metadata</h2>{}</section>",
                s.name(), badge(s.status()), s.repoName(), s.repoUrl(), s.branch(), s.taskId(),
                Views.time(s.createdAt()), Views.time(s.updatedAt()), end, metadata);
        return new View(200, "Session " + s.name(), body, sequence, "session:" + s.name());
    }

    // ---- actions ----

    /**
     * The loop page's action: decide on the newest feedback, when the loop waits for a decision (not completed, its
     * newest feedback given at its current iteration); else nothing. The request carries the loop's version as
     * {@code If-Match}, so a loop that changed since the page was rendered is not decided (412, shown as refused).
     */
    static Html decideAction(Loop loop) {
        List<CriticFeedback> feedback = loop.feedback();
        if (loop.status() == LoopStatus.COMPLETED || feedback.isEmpty()
                || feedback.getLast().iteration() == null || feedback.getLast().iteration() < loop.iteration()) {
            return Html.EMPTY;
        }
        return Html.of("<section class=\"actions\" aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2>"
                + "<p class=\"note\">The newest feedback (iteration {}, score {}) waits for a decision.</p>"
                + "<button type=\"button\" class=\"action\" id=\"decide\" data-api=\"/api/v1/loops/{}/decide\" "
                + "data-if-match=\"&quot;{}&quot;\" data-confirm=\"Decide loop {} on its newest feedback (score {})? "
                + "The loop's status and iteration change.\">Decide…</button></section>", feedback.getLast().iteration(),
                feedback.getLast().overallScore(), Html.segment(loop.id()), loop.version(), loop.id(),
                feedback.getLast().overallScore());
    }

    // ---- rendering ----

    /** A status as a text badge (its wire value, which is also its class). */
    private static Html badge(Object status) {
        return status == null ? Html.EMPTY : Html.of("<span class=\"status {}\">{}</span>", status, status);
    }

    /** The short fields that are filled in, as more rows of the page's field list. */
    private static Html facts(String[][] fields) {
        List<Html> rows = new ArrayList<>();
        for (String[] f : fields) {
            if (f[1] != null && !f[1].isBlank()) {
                rows.add(Html.of("<dt>{}</dt><dd>{}</dd>", f[0], f[1]));
            }
        }
        return Html.join(rows);
    }

    /** A group of fields under a heading; the fields left empty are named in one line. Null when all are empty. */
    private static Html group(String title, String[][] fields) {
        List<Html> filled = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String[] f : fields) {
            if (f[1] == null || f[1].isBlank()) {
                empty.add(f[0]);
            } else {
                filled.add(Html.of("<h3>{}</h3>{}", f[0], prose(f[0], f[1])));
            }
        }
        if (filled.isEmpty()) {
            return null;
        }
        String id = "doc-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-");
        return Html.of("<section class=\"doc\" aria-labelledby=\"{}\"><h2 id=\"{}\">{}</h2>{}{}</section>", id, id,
                title, Html.join(filled), empty.isEmpty() ? Html.EMPTY
                        : Html.of("<p class=\"note\">Not filled in: {}.</p>", String.join(", ", empty)));
    }

    /** The groups that have content, or a sentence when none has. */
    private static Html document(List<Html> groups) {
        List<Html> present = groups.stream().filter(g -> g != null).toList();
        return present.isEmpty() ? Html.of("<p class=\"empty\">Nothing is filled in beyond the title.</p>")
                : Html.join(present);
    }

    /**
     * A free-text field: runs of {@code - }/{@code * } lines as a list, of {@code 1. } lines as a numbered list, of
     * {@code |}-delimited lines as a table (the first row its head), other lines as paragraphs split at blank lines.
     */
    static Html prose(String label, String text) {
        List<Html> out = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank()) {
                i++;
            } else if (BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()) {
                boolean numbered = NUMBERED.matcher(line).matches();
                Pattern item = numbered ? NUMBERED : BULLET;
                List<Html> items = new ArrayList<>();
                for (; i < lines.length; i++) {
                    var m = item.matcher(lines[i]);
                    if (!m.matches()) {
                        break;
                    }
                    items.add(Html.of("<li>{}</li>", m.group(1)));
                }
                out.add(Html.of(numbered ? "<ol>{}</ol>" : "<ul>{}</ul>", Html.join(items)));
            } else if (row(line)) {
                List<List<String>> rows = new ArrayList<>();
                for (; i < lines.length && row(lines[i]); i++) {
                    if (!TABLE_RULE.matcher(lines[i].trim()).matches()) {
                        rows.add(cells(lines[i]));
                    }
                }
                out.add(table(label, rows));
            } else {
                StringBuilder paragraph = new StringBuilder();
                for (; i < lines.length && !lines[i].isBlank() && !BULLET.matcher(lines[i]).matches()
                        && !NUMBERED.matcher(lines[i]).matches() && !row(lines[i]); i++) {
                    paragraph.append(paragraph.isEmpty() ? "" : "\n").append(lines[i]);
                }
                out.add(Html.of("<p class=\"text\">{}</p>", paragraph));
            }
        }
        return Html.join(out);
    }

    private static boolean row(String line) {
        String t = line.trim();
        return t.length() >= 2 && t.startsWith("|") && t.endsWith("|");
    }

    private static List<String> cells(String line) {
        String t = line.trim();
        List<String> cells = new ArrayList<>();
        for (String cell : t.substring(1, t.length() - 1).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static Html table(String label, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return Html.EMPTY;
        }
        Html head = Html.each(rows.getFirst(), c -> Html.of("<th scope=\"col\">{}</th>", c));
        Html body = Html.each(rows.subList(1, rows.size()), r -> Html.of("<tr>{}</tr>",
                Html.each(r, c -> Html.of("<td>{}</td>", c))));
        return Html.of("<div class=\"scroll\"><table class=\"doc-table\"><caption>{}</caption><thead><tr>{}</tr>"
                + "</thead><tbody>{}</tbody></table></div>", label, head, body);
    }

    /** The start of a long text, for a table cell. */
    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 120 ? t.substring(0, 119) + "…" : t;
    }

    /**
     * A name as a URL path: percent-encoded, but with its {@code /} kept (a session's name may hold them; the routes
     * take the rest of the path, as the API's do).
     */
    static String path(String name) {
        return Html.segment(name).replace("%2F", "/");
    }
}
