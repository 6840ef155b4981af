package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Specs pages: the projects that have specs and their specs ({@code /dashboard/specs}, one project with
 * {@code ?project=}), and a spec ({@code /dashboard/specs/{project}/{name}}): its fields as the store returns them
 * (the frozen ones marked), its revisions newest first, and a side-by-side diff of any two revisions
 * ({@code ?from=N&to=M}, by default the previous against the current one).
 *
 * <p><b>What the diff compares.</b> Each revision is rendered as one text, field by field in the order of
 * {@link SpecContent}'s components (then the additional sections in their order): a line {@code name:} and below it
 * the field's value, each of its lines indented by two spaces. The two texts are compared line by line
 * ({@link TextDiff}, a longest common subsequence). Not pretty-printed JSON: JSON writes a multi-paragraph field as
 * one string with {@code \n} escapes, so any change in it would be one changed line of the whole field; here a
 * field's lines are lines of the diff, and a header line (never indented) cannot match a value line (always
 * indented), so a field's lines stay under their field. Not one diff per field either: one diff keeps the table in
 * one piece and shows added and removed sections too.
 *
 * <p><b>Which projects.</b> The store lists specs per project but keeps no list of projects, so the list page
 * finds them in the change history (the spec events, the first {@value #MAX_EVENTS_SCANNED}), and says so: a
 * project whose history was pruned or whose specs were imported is found by entering its name in the form.
 */
final class SpecViews {
    /** Specs or revisions on a page. */
    static final int PAGE = 50;
    /** Projects on a page of the list. */
    static final int PROJECTS = 20;
    /** The specs the list shows under each project (the project's own page shows them all, paged). */
    static final int SPECS_PER_PROJECT = 10;
    /** The most spec events read from the change history to find the projects. */
    static final int MAX_EVENTS_SCANNED = 50_000;
    /** The most characters of a field the spec page shows (a field may hold 1,000,000). */
    static final int MAX_FIELD_CHARS = 20_000;
    /** The most characters of a line the diff shows (lines are compared in full). */
    static final int MAX_LINE_CHARS = 1_000;
    /** Unchanged lines shown around a change; longer unchanged runs are folded. */
    static final int CONTEXT = 3;
    /** With more revisions than this, the diff form asks for numbers instead of offering every one in a list. */
    static final int MAX_OPTIONS = 500;

    private final StateStore store;

    SpecViews(StateStore store) {
        this.store = store;
    }

    /** The projects with specs, or one project's specs (the query's {@code project}), paged. */
    View specs(Map<String, List<String>> query) {
        long sequence = Views.sequence(store);
        String project = Views.text(query, "project");
        int offset = Views.offset(query);
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/specs\" role=\"search\">"
                + "<label>Project <input name=\"project\" value=\"{}\" maxlength=\"{}\"></label>"
                + "<button type=\"submit\">Show specs</button></form>", project, Views.MAX_FILTER);
        if (project != null) {
            Page<Spec> page = store.listSpecs(SpecQuery.of(project).page(PAGE, offset));
            String base = "/dashboard/specs?project=" + Html.segment(project);
            Html list = page.total() == 0 ? Html.of("<p class=\"empty\">Project “{}” has no spec.</p>", project)
                    : page.items().isEmpty() ? Html.of("<p class=\"empty\">No spec on this page: the project has {} "
                            + "specs.</p><p><a href=\"{}\">First specs</a></p>", page.total(), base)
                    : Html.of("{}{}", specTable(page.items(), "Specs of project " + project),
                            pager(base, offset, page.items().size(), page.total(), PAGE, "specs"));
            return new View(200, "Specs of " + project, Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\">"
                            + "<a href=\"/dashboard/specs\">Specs</a></nav><h1>Specs of <q>{}</q></h1>{}"
                            + "<p id=\"spec-count\">{} specs.</p>{}", project, form, page.total(), list), sequence,
                    EntityKind.SPEC.wire());
        }
        Projects found = projects();
        List<String> names = new ArrayList<>(found.names());
        List<Html> sections = new ArrayList<>();
        for (int i = offset; i < Math.min(names.size(), offset + PROJECTS); i++) {
            String name = names.get(i);
            Page<Spec> specs = store.listSpecs(SpecQuery.of(name).page(SPECS_PER_PROJECT, 0));
            String link = "/dashboard/specs?project=" + Html.segment(name);
            sections.add(Html.of("<section class=\"project\"><h2><a href=\"{}\">{}</a></h2>{}{}</section>", link, name,
                    specs.items().isEmpty() ? Html.of("<p class=\"empty\">No spec now.</p>")
                            : specTable(specs.items(), specs.total() + " specs of project " + name),
                    specs.total() > specs.items().size() ? Html.of("<p><a href=\"{}\">All {} specs of “{}”</a></p>",
                            link, specs.total(), name) : Html.EMPTY));
        }
        Html note = Html.of("<p class=\"note\">Projects are found in the change history{}. A project whose history "
                        + "was pruned or whose specs were imported is listed by entering its name above.</p>",
                found.cut() ? " (its first " + MAX_EVENTS_SCANNED + " spec events)" : "");
        Html list = names.isEmpty() ? Html.of("<p class=\"empty\">No project with specs in the change history.</p>")
                : sections.isEmpty() ? Html.of("<p class=\"empty\">No project on this page: {} projects have specs."
                        + "</p><p><a href=\"/dashboard/specs\">First projects</a></p>", names.size())
                : Html.of("{}{}", Html.join(sections), pager("/dashboard/specs?", offset, sections.size(),
                        names.size(), PROJECTS, "projects"));
        return new View(200, "Specs", Html.of("<h1>Specs</h1>{}<p id=\"project-count\">{} projects with specs.</p>{}{}",
                form, names.size(), note, list), sequence, EntityKind.SPEC.wire());
    }

    /**
     * A spec: its fields, status, version and times, its revisions newest first (paged by {@code offset}) and the
     * diff of revisions {@code from} and {@code to}.
     */
    View spec(String project, String name, Map<String, List<String>> query) {
        long sequence = Views.sequence(store);
        int offset = Views.offset(query);
        Integer from = revision(query, "from");
        Integer to = revision(query, "to");
        List<Spec> history = store.specHistory(project, name);
        Spec spec = history.getLast();
        int versions = history.size();
        for (Integer asked : new Integer[] {from, to}) {
            if (asked != null && asked > versions) {
                throw new StatekeeperException(ErrorCode.SPEC_NOT_FOUND, "spec '" + spec.name() + "' of project '"
                        + spec.project() + "' has no revision " + asked + ": its revisions are 1 to " + versions);
            }
        }
        int newer = to != null ? to : versions;
        int older = from != null ? from : Math.max(1, newer - 1);
        String path = "/dashboard/specs/" + Html.segment(spec.project()) + "/" + Html.segment(spec.name());
        SpecContent c = spec.content();
        Html body = Html.of("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/dashboard/specs\">Specs</a>"
                        + " › <a id=\"project-link\" href=\"/dashboard/specs?project={}\">{}</a></nav>"
                        + "<h1>Spec <code>{}</code></h1><dl class=\"fields\">"
                        + "<dt>Project</dt><dd id=\"project\">{}</dd><dt>Title</dt><dd id=\"title\">{}</dd>"
                        + "<dt>Status</dt><dd><span class=\"status {}\" id=\"status\">{}</span></dd>"
                        + "<dt>Version</dt><dd id=\"version\">{}</dd><dt>Iteration</dt><dd>{}</dd>"
                        + "<dt>Created</dt><dd>{}</dd><dt>Updated</dt><dd>{}</dd></dl>"
                        + "<section aria-labelledby=\"fields-h\"><h2 id=\"fields-h\">Fields</h2><p class=\"note\">"
                        + "Fields marked <span class=\"badge frozen\">frozen</span> cannot change after the first "
                        + "version: {}.</p>{}</section>"
                        + "<section aria-labelledby=\"revisions-h\"><h2 id=\"revisions-h\">Revisions</h2>{}</section>"
                        + "<section aria-labelledby=\"diff-h\" id=\"diff\"><h2 id=\"diff-h\">Changes between two "
                        + "revisions</h2>{}{}</section>",
                Html.segment(spec.project()), spec.project(), spec.name(), spec.project(), c.title(), c.status(),
                c.status(), spec.version(), spec.iteration(), Views.time(spec.createdAt()),
                Views.time(spec.updatedAt()), String.join(", ", SpecContent.FROZEN), fields(c),
                revisions(history, path, offset), diffForm(path, versions, older, newer),
                diff(history.get(older - 1), history.get(newer - 1)));
        return new View(200, "Spec " + spec.name(), body, sequence, EntityKind.SPEC.wire() + ":" + spec.project()
                + "/" + spec.name());
    }

    /** The field names and values of a document, as the store returns them (its JSON names, in their order). */
    static List<Map.Entry<String, String>> fieldsOf(SpecContent content) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (RecordComponent component : SpecContent.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(content);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the spec's " + component.getName(), e);
            }
            if (value instanceof Map<?, ?> sections) {
                sections.forEach((heading, text) -> out.add(Map.entry(component.getName() + "." + heading,
                        text == null ? "" : text.toString())));
            } else {
                out.add(Map.entry(component.getName(), value == null ? "" : value.toString()));
            }
        }
        return out;
    }

    /**
     * A revision as the diff compares it: for each field a line {@code name:}, then each line of its value
     * indented by two spaces (see the class comment).
     */
    static List<String> document(SpecContent content) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> field : fieldsOf(content)) {
            lines.add(field.getKey() + ":");
            for (String line : TextDiff.lines(field.getValue())) {
                lines.add("  " + line);
            }
        }
        return lines;
    }

    private static Html fields(SpecContent content) {
        List<Html> items = new ArrayList<>();
        for (Map.Entry<String, String> field : fieldsOf(content)) {
            String value = field.getValue();
            boolean frozen = SpecContent.FROZEN.contains(field.getKey());
            Html shown = value.isEmpty() ? Html.of("<p class=\"empty\">empty</p>")
                    : value.length() <= MAX_FIELD_CHARS ? Html.of("<pre>{}</pre>", value)
                    : Html.of("<pre>{}</pre><p class=\"note\">The first {} of {} characters.</p>",
                    value.substring(0, MAX_FIELD_CHARS), MAX_FIELD_CHARS, value.length());
            items.add(Html.of("<div class=\"field\" id=\"field-{}\"><dt>{}{}</dt><dd>{}</dd></div>",
                    field.getKey(), field.getKey(), frozen ? Html.of(" <span class=\"badge frozen\" "
                            + "title=\"cannot change after the first version\">frozen<span class=\"visually-hidden\">:"
                            + " cannot change after the first version</span></span>") : Html.EMPTY, shown));
        }
        return Html.of("<dl class=\"spec-fields\">{}</dl>", Html.join(items));
    }

    private static Html revisions(List<Spec> history, String path, int offset) {
        int total = history.size();
        List<Html> rows = new ArrayList<>();
        for (int i = offset; i < Math.min(total, offset + PAGE); i++) {
            Spec r = history.get(total - 1 - i);
            long v = r.version();
            Html compare = v == 1 ? Html.of("<span class=\"note\">first</span>")
                    : Html.of("<a href=\"{}?from={}&amp;to={}#diff\">Changes from {}</a>", path, v - 1, v, v - 1);
            rows.add(Html.of("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"status {}\">{}"
                            + "</span></td><td>{}</td><td>{}</td><td>{}</td></tr>", v, r.iteration(),
                    r.content().status(), r.content().status(), r.content().title(), Views.time(r.updatedAt()),
                    compare));
        }
        if (rows.isEmpty()) {
            return Html.of("<p class=\"empty\">No revision on this page: the spec has {} revisions.</p>"
                    + "<p><a href=\"{}\">Newest revisions</a></p>", total, path);
        }
        return Html.of("<div class=\"scroll\"><table class=\"revisions\"><caption>{} revisions, newest first"
                        + "</caption><thead><tr><th scope=\"col\" class=\"num\">Version</th>"
                        + "<th scope=\"col\" class=\"num\">Iteration</th><th scope=\"col\">Status</th>"
                        + "<th scope=\"col\">Title</th><th scope=\"col\">Stored</th><th scope=\"col\">Diff</th></tr>"
                        + "</thead><tbody>{}</tbody></table></div>{}", total, Html.join(rows),
                pager(path + "?", offset, rows.size(), total, PAGE, "revisions"));
    }

    private static Html diffForm(String path, int versions, int older, int newer) {
        Html fromInput;
        Html toInput;
        if (versions <= MAX_OPTIONS) {
            fromInput = Html.of("<select id=\"diff-from\" name=\"from\">{}</select>", versionOptions(versions, older));
            toInput = Html.of("<select id=\"diff-to\" name=\"to\">{}</select>", versionOptions(versions, newer));
        } else {
            fromInput = Html.of("<input id=\"diff-from\" name=\"from\" type=\"number\" min=\"1\" max=\"{}\" "
                    + "value=\"{}\" required>", versions, older);
            toInput = Html.of("<input id=\"diff-to\" name=\"to\" type=\"number\" min=\"1\" max=\"{}\" value=\"{}\" "
                    + "required>", versions, newer);
        }
        return Html.of("<form class=\"filters diff-form\" method=\"get\" action=\"{}\">"
                + "<label for=\"diff-from\">Old revision</label> {} <label for=\"diff-to\">New revision</label> {}"
                + "<button type=\"submit\">Compare</button></form>", path, fromInput, toInput);
    }

    private static Html versionOptions(int versions, int chosen) {
        List<Html> options = new ArrayList<>(versions);
        for (int v = versions; v >= 1; v--) {
            options.add(Html.of("<option value=\"{}\"{}>{}</option>", v, v == chosen ? Html.of(" selected")
                    : Html.EMPTY, v == versions ? v + " (current)" : Integer.toString(v)));
        }
        return Html.join(options);
    }

    /** The side-by-side diff table of two revisions, unchanged runs folded to {@value #CONTEXT} lines of context. */
    static Html diff(Spec older, Spec newer) {
        TextDiff.Result result = TextDiff.diff(document(older.content()), document(newer.content()));
        long removed = result.edits().stream().filter(e -> e.op() == TextDiff.Op.REMOVED).count();
        long added = result.edits().stream().filter(e -> e.op() == TextDiff.Op.ADDED).count();
        String a = "revision " + older.version();
        String b = "revision " + newer.version();
        Html cut = result.cut() ? Html.of("<p class=\"note\" id=\"diff-cut\">Only the first {} lines of each side are "
                        + "compared: {} has {} lines, {} has {}.</p>", TextDiff.MAX_LINES, a, result.oldLines(), b,
                result.newLines()) : Html.EMPTY;
        if (result.unchanged()) {
            String same = older.version() == newer.version() ? upper(a) + " is compared with itself: no change"
                    : upper(a) + " and " + b + " are the same";
            return Html.of("<p id=\"diff-summary\">{}{}.</p>{}", same, result.cut() ? " in the lines compared" : "",
                    cut);
        }
        List<Html> rows = new ArrayList<>();
        List<TextDiff.Edit> edits = result.edits();
        int oldLine = 0;
        int newLine = 0;
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == TextDiff.Op.SAME) {
                int end = i;
                while (end < edits.size() && edits.get(end).op() == TextDiff.Op.SAME) {
                    end++;
                }
                int run = end - i;
                int head = i == 0 ? 0 : CONTEXT;
                int tail = end == edits.size() ? 0 : CONTEXT;
                if (run <= head + tail + 1) {
                    head = run;
                    tail = 0;
                }
                for (int k = 0; k < head; k++) {
                    rows.add(same(++oldLine, ++newLine, edits.get(i + k).text()));
                }
                if (head < run) {
                    int folded = run - head - tail;
                    rows.add(Html.of("<tr class=\"fold\"><td colspan=\"4\">{} unchanged {}</td></tr>", folded,
                            folded == 1 ? "line" : "lines"));
                    oldLine += folded;
                    newLine += folded;
                    for (int k = run - tail; k < run; k++) {
                        rows.add(same(++oldLine, ++newLine, edits.get(i + k).text()));
                    }
                }
                i = end;
                continue;
            }
            List<String> gone = new ArrayList<>();
            List<String> come = new ArrayList<>();
            while (i < edits.size() && edits.get(i).op() != TextDiff.Op.SAME) {
                (edits.get(i).op() == TextDiff.Op.REMOVED ? gone : come).add(edits.get(i).text());
                i++;
            }
            for (int k = 0; k < Math.max(gone.size(), come.size()); k++) {
                Html left = k < gone.size() ? Html.of("<td class=\"ln\">{}</td><td class=\"text del\">"
                        + "<span class=\"mark\">-</span>{}</td>", ++oldLine, shown(gone.get(k)))
                        : Html.of("<td class=\"ln\"></td><td class=\"text none\"></td>");
                Html right = k < come.size() ? Html.of("<td class=\"ln\">{}</td><td class=\"text ins\">"
                        + "<span class=\"mark\">+</span>{}</td>", ++newLine, shown(come.get(k)))
                        : Html.of("<td class=\"ln\"></td><td class=\"text none\"></td>");
                rows.add(Html.of("<tr class=\"change\">{}{}</tr>", left, right));
            }
        }
        return Html.of("<p id=\"diff-summary\">From {} to {}: {} {} removed, {} added.</p>{}<div class=\"scroll\">"
                        + "<table class=\"diff\"><caption>{} (left) beside {} (right), line by line: - marks a line "
                        + "only in {}, + a line only in {}</caption><thead><tr><th scope=\"col\" class=\"ln\">Line</th>"
                        + "<th scope=\"col\">Revision {}</th><th scope=\"col\" class=\"ln\">Line</th>"
                        + "<th scope=\"col\">Revision {}</th></tr></thead><tbody>{}</tbody></table></div>",
                a, b, removed, removed == 1 ? "line" : "lines", added, cut, upper(a), b, a, b, older.version(),
                newer.version(), Html.join(rows));
    }

    private static Html same(int oldLine, int newLine, String text) {
        Html shown = shown(text);
        return Html.of("<tr class=\"same\"><td class=\"ln\">{}</td><td class=\"text\"><span class=\"mark\"> </span>{}"
                + "</td><td class=\"ln\">{}</td><td class=\"text\"><span class=\"mark\"> </span>{}</td></tr>", oldLine,
                shown, newLine, shown);
    }

    /** A line as the diff shows it: at most {@value #MAX_LINE_CHARS} characters, saying how many more it has. */
    private static Html shown(String line) {
        return line.length() <= MAX_LINE_CHARS ? Html.of("{}", line) : Html.of("{}<span class=\"note\">… ({} more "
                + "characters)</span>", line.substring(0, MAX_LINE_CHARS), line.length() - MAX_LINE_CHARS);
    }

    private static String upper(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Html specTable(List<Spec> specs, String caption) {
        return Html.of("<div class=\"scroll\"><table class=\"specs\"><caption>{}</caption><thead><tr>"
                + "<th scope=\"col\">Name</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\" class=\"num\">Version</th><th scope=\"col\">Updated</th></tr></thead><tbody>{}"
                + "</tbody></table></div>", caption, Html.each(specs, s -> Html.of("<tr><td><a href=\"/dashboard/"
                        + "specs/{}/{}\"><code>{}</code></a></td><td>{}</td><td><span class=\"status {}\">{}"
                        + "</span></td><td class=\"num\">{}</td><td>{}</td></tr>", Html.segment(s.project()),
                Html.segment(s.name()), s.name(), s.content().title(), s.content().status(), s.content().status(),
                s.version(), Views.time(s.updatedAt()))));
    }

    /** Previous and next links around a page of {@code shown} items from {@code offset}, of {@code total}. */
    private static Html pager(String base, int offset, int shown, long total, int size, String what) {
        String join = base.endsWith("?") ? "" : "&";
        Html previous = offset == 0 ? Html.EMPTY : Html.of("<a rel=\"prev\" href=\"{}{}offset={}\">Previous</a>", base,
                join, Math.max(0, offset - size));
        Html next = offset + shown >= total ? Html.EMPTY : Html.of("<a rel=\"next\" href=\"{}{}offset={}\">Next</a>",
                base, join, offset + shown);
        return Html.of("<nav class=\"pager\" aria-label=\"Pages\"><span>{}–{} of {} {}</span>{}{}</nav>",
                offset + 1, offset + shown, total, what, previous, next);
    }

    /**
     * A revision number from the query: null when absent or empty; refused (400) unless a whole number from 1 (a
     * number past the spec's last revision is the caller's 404).
     */
    static Integer revision(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Views.BadInput(name + " must be given once");
        }
        String value = values.getFirst();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,8}")) {
            throw new Views.BadInput(name + " must be a revision number, a whole number from 1, not '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
        return Integer.parseInt(value);
    }

    /** The projects found in the spec events, and whether the scan stopped at its bound. */
    private record Projects(TreeSet<String> names, boolean cut) {
    }

    /**
     * The projects that have specs according to the change history: a spec counts until its last event is its
     * deletion. Empty when the history cannot be read.
     */
    private Projects projects() {
        Map<String, String> live = new HashMap<>(); // spec entity id -> project, while it is not deleted
        EventQuery query = EventQuery.all().withEntity(EntityKind.SPEC, null).withLimit(EventQuery.MAX_LIMIT);
        boolean cut = false;
        try {
            for (int scanned = 0; ; ) {
                if (scanned >= MAX_EVENTS_SCANNED) {
                    cut = true;
                    break;
                }
                EventBatch batch = store.events().read(query);
                for (StoreEvent e : batch.events()) {
                    if (e.change() == Change.SPEC_DELETED) {
                        live.remove(e.entityId());
                    } else if (e.project() != null) {
                        live.put(e.entityId(), e.project());
                    }
                }
                scanned += batch.events().size();
                if (batch.events().size() < query.limit()) {
                    break;
                }
                query = query.withAfter(batch.next(query));
            }
        } catch (StatekeeperException e) {
            return new Projects(new TreeSet<>(), false);
        }
        return new Projects(new TreeSet<>(live.values()), cut);
    }
}
