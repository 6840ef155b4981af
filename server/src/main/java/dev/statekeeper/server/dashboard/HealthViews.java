package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;
import dev.statekeeper.core.perf.SlowOperation;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Summary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders the health and performance pages: the doctor's findings grouped by severity, each with its evidence,
 * threshold, runbook and fix (the latest scheduled run, or the cheap checks run on request with {@code ?run=cheap});
 * the operation log's p50/p95/p99 per operation over the last hour and the last day (charts and a table of the same
 * numbers), its slowest operations and the connection pool's gauges; and the overview's health card. Every value
 * goes through {@link Html#of}, so it is escaped.
 */
final class HealthViews {
    /** The only value {@code run} takes: the cheap checks, those of {@code healthcheck} and the scheduled runs. */
    static final String RUN_CHEAP = "cheap";
    /**
     * The entity of a view that follows no change: a doctor run on request is not repeated by the page's live
     * updates (app.js leaves it alone; reload to run again).
     */
    static final String STILL = "still";
    /** The slowest operations the performance page lists when not told ({@code limit}). */
    static final int SLOW = 20;
    /** The longest evidence value shown, in characters (a longer one is cut). */
    static final int MAX_EVIDENCE = 500;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final StateStore store;
    private final Dashboard.Doctor doctor;
    private final Clock clock;

    HealthViews(StateStore store, Dashboard.Doctor doctor, Clock clock) {
        this.store = store;
        this.doctor = doctor;
        this.clock = clock;
    }

    /** The overview's part of the health card: the latest scheduled run's findings by severity, linking here. */
    Html card() {
        DoctorReport report = doctor.latest();
        if (report == null) {
            return Html.of("<p id=\"doctor\">No scheduled doctor run has ended yet. <a href=\"/dashboard/health\">"
                    + "Health</a></p>");
        }
        Summary summary = report.summary();
        List<Html> items = new ArrayList<>();
        for (Severity s : Severity.values()) {
            items.add(Html.of("<li><a href=\"/dashboard/health#{}\">{}</a>: <span id=\"doctor-{}\">{}</span></li>",
                    s.name().toLowerCase(Locale.ROOT), s.name(), s.name(), summary.findings(s)));
        }
        return Html.of("<p id=\"doctor\">Doctor, {}: {}.</p><ul class=\"inline severities\">{}</ul>"
                        + "<p><a href=\"/dashboard/health\">Findings, evidence and runbooks</a></p>",
                report.reachable() ? "run at " + Views.time(report.startedAt()) : "the store could not be reached at "
                        + Views.time(report.startedAt()), summary.line(), Html.join(items));
    }

    /** The latest scheduled report, or (with {@code run=cheap}) the cheap checks run now. */
    View health(Map<String, List<String>> query) {
        String run = Views.text(query, "run");
        if (run != null && !run.equals(RUN_CHEAP)) {
            throw new Views.BadInput("run must be " + RUN_CHEAP + ", not '" + cut(run, 40) + "'");
        }
        DoctorReport report = run == null ? doctor.latest() : doctor.runCheap();
        Html links = run == null ? Html.of("<p><a id=\"run-cheap\" href=\"/dashboard/health?run=cheap\">Run the cheap "
                + "checks now</a> (as <code>statekeeper healthcheck</code>; read-only)</p>")
                : Html.of("<p>This run was asked for by this page and is not repeated by live updates: reload it to run "
                        + "again, or see <a href=\"/dashboard/health\">the latest scheduled run</a>.</p>");
        if (report == null) {
            return new View(200, "Health", Html.of("<h1>Health</h1><p class=\"empty\" id=\"no-report\">No scheduled "
                    + "doctor run has ended yet: the cheap checks run every STATEKEEPER_DOCTOR_INTERVAL seconds "
                    + "(0 turns them off).</p>{}", links), -1, null);
        }
        Summary summary = report.summary();
        List<Html> groups = new ArrayList<>();
        for (Severity s : Severity.values()) {
            List<CheckResult> found = report.checks().stream()
                    .filter(c -> c.status() == CheckStatus.FINDING && c.severity() == s).toList();
            String id = s.name().toLowerCase(Locale.ROOT);
            groups.add(Html.of("<section class=\"severity {}\" aria-labelledby=\"{}\"><h2 id=\"{}\">{} · {} "
                            + "<span class=\"note\">(respond {})</span></h2>{}</section>", id, id, id, s.name(),
                    s.meaning(), s.responseTime(), found.isEmpty() ? Html.of("<p class=\"empty\">No {} finding.</p>",
                            s.name()) : Html.of("<ul class=\"findings\">{}</ul>", Html.each(found,
                            c -> Html.of("<li>{}</li>", result(c))))));
        }
        List<CheckResult> errors = of(report, CheckStatus.ERROR);
        List<CheckResult> skipped = of(report, CheckStatus.SKIPPED);
        List<CheckResult> ok = of(report, CheckStatus.OK);
        Html body = Html.of("<h1>Health</h1>{}<dl class=\"fields\"><dt>Report</dt><dd id=\"report-kind\">{}</dd>"
                        + "<dt>Backend</dt><dd>{}</dd><dt>Target</dt><dd id=\"target\">{}</dd><dt>Started</dt><dd>{}</dd>"
                        + "<dt>Took</dt><dd>{} ms</dd><dt>Summary</dt><dd id=\"summary\">{}</dd></dl>{}{}"
                        + "<section aria-labelledby=\"errors-h\"><h2 id=\"errors-h\">Checks that failed</h2>{}</section>"
                        + "<section aria-labelledby=\"skipped-h\"><h2 id=\"skipped-h\">Skipped</h2>{}</section>"
                        + "<section aria-labelledby=\"ok-h\"><h2 id=\"ok-h\">OK</h2>{}</section>",
                report.reachable() ? Html.EMPTY : Html.of("<p class=\"problem\" role=\"alert\">The store could not be "
                        + "reached.</p>"), run == null ? "the latest scheduled run (cheap checks)"
                        : "the cheap checks, run on request", report.backend(), report.target(),
                Views.time(report.startedAt()), report.durationMs(), summary.line(), links, Html.join(groups),
                errors.isEmpty() ? Html.of("<p class=\"empty\">None.</p>") : Html.of(
                        "<ul class=\"findings\">{}</ul>", Html.each(errors, c -> Html.of("<li>{}</li>", result(c)))),
                skipped.isEmpty() ? Html.of("<p class=\"empty\">None.</p>") : brief(skipped),
                ok.isEmpty() ? Html.of("<p class=\"empty\">None.</p>") : brief(ok));
        return new View(200, "Health", body, -1, run == null ? null : STILL);
    }

    /** Each operation's p50/p95/p99 over the last hour and day, the slowest operations, the pool's gauges. */
    View performance(Map<String, List<String>> query) {
        String operation = usage(() -> PerfQuery.operation("operation", Views.text(query, "operation")));
        String limitText = Views.text(query, "limit");
        int limit = usage(() -> PerfQuery.limit("limit", limitText, SLOW));
        Instant now = clock.instant();
        OperationLog log = store.operationLog();
        Html form = Html.of("<form class=\"filters\" method=\"get\" action=\"/dashboard/performance\" role=\"search\">"
                        + "<label>Operation <select name=\"operation\">{}</select></label>"
                        + "<label>Slowest listed <input name=\"limit\" type=\"number\" min=\"1\" max=\"{}\" value=\"{}\">"
                        + "</label><button type=\"submit\">Show</button></form>", operations(operation),
                PerfQuery.MAX_LIMIT, limit);
        Html pool = store.poolStats().map(LatencyChart::pool).orElse(Html.of("<p class=\"empty\" id=\"no-pool\">Not "
                + "recorded: the {} backend keeps no connection pool.</p>", store.info().backend()));
        Html poolSection = Html.of("<section aria-labelledby=\"pool-h\"><h2 id=\"pool-h\">Connection pool</h2>{}"
                + "</section>", pool);
        if (log == OperationLog.none()) {
            return new View(200, "Performance", Html.of("<h1>Performance</h1><p class=\"empty\" id=\"no-oplog\">Not "
                    + "recorded: this store was opened without an operation log, so no operation is timed.</p>{}",
                    poolSection), -1, null);
        }
        PerfReport day = PerfReport.read(log, new PerfQuery(now.minus(DAY), operation, limit), now);
        List<OperationStats> hour = log.stats(now.minus(HOUR), operation);
        Html scope = Html.of("<p class=\"note\" id=\"oplog-scope\">{} Operations of {} ms or more are recorded one by one "
                        + "(STATEKEEPER_SLOW_OPERATION_MS).</p>{}", log.persistent()
                        ? "The operation log is kept in the store: every process that used it is counted."
                        : "The operation log counts this process only (the memory backend, or STATEKEEPER_OPLOG=false).",
                log.slowThresholdMs(), log.problem() == null ? Html.EMPTY
                        : Html.of("<p class=\"problem\" role=\"alert\">The stored log cannot be read or written now: "
                        + "{}</p>", log.problem()));
        Html body = Html.of("<h1>Performance</h1>{}{}"
                        + "<section aria-labelledby=\"hour-h\"><h2 id=\"hour-h\">The last hour</h2>{}</section>"
                        + "<section aria-labelledby=\"day-h\"><h2 id=\"day-h\">The last day</h2>{}</section>"
                        + "<section aria-labelledby=\"slow-h\"><h2 id=\"slow-h\">Slowest operations of the last day</h2>"
                        + "{}</section>{}", scope, form, window("hour", "the last hour", hour),
                window("day", "the last day", day.operations()), slowest(day.slowest(), log.slowThresholdMs()),
                poolSection);
        return new View(200, "Performance", body, -1, null);
    }

    private static Html window(String id, String words, List<OperationStats> stats) {
        if (stats.isEmpty()) {
            return Html.of("<p class=\"empty\" id=\"no-{}\">Not recorded: no operation ran in {}.</p>", id, words);
        }
        return Html.of("{}<div class=\"scroll\"><table class=\"perf\" id=\"perf-{}\"><caption>Each operation over {}, "
                        + "busiest first (milliseconds)</caption><thead><tr><th scope=\"col\">Operation</th>"
                        + "<th scope=\"col\" class=\"num\">Count</th><th scope=\"col\" class=\"num\">Errors</th>"
                        + "<th scope=\"col\" class=\"num\">p50</th><th scope=\"col\" class=\"num\">p95</th>"
                        + "<th scope=\"col\" class=\"num\">p99</th><th scope=\"col\" class=\"num\">Max</th></tr></thead>"
                        + "<tbody>{}</tbody></table></div>", LatencyChart.render("chart-" + id, words, stats), id, words,
                Html.each(stats, s -> Html.of("<tr><th scope=\"row\"><code>{}</code></th><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", s.operation(), s.count(),
                        s.errors(), LatencyChart.ms(s.p50Ms()), LatencyChart.ms(s.p95Ms()), LatencyChart.ms(s.p99Ms()),
                        LatencyChart.ms(s.maxMs()))));
    }

    private static Html slowest(List<SlowOperation> slow, long thresholdMs) {
        if (slow.isEmpty()) {
            return Html.of("<p class=\"empty\" id=\"no-slow\">Not recorded: no operation took {} ms or more in the last "
                    + "day.</p>", thresholdMs);
        }
        return Html.of("<div class=\"scroll\"><table class=\"slow\"><caption>The {} slowest, slowest first</caption>"
                        + "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Operation</th>"
                        + "<th scope=\"col\" class=\"num\">ms</th><th scope=\"col\">Outcome</th>"
                        + "<th scope=\"col\" class=\"num\">Attempts</th><th scope=\"col\" class=\"num\">Pool wait ms</th>"
                        + "<th scope=\"col\">Process</th><th scope=\"col\">Request</th></tr></thead><tbody>{}</tbody>"
                        + "</table></div>", slow.size(), Html.each(slow, s -> Html.of("<tr><td>{}</td><td><code>{}"
                                + "</code></td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>", Views.time(s.at()),
                        s.operation(), LatencyChart.ms(s.durationMs()), s.outcome(), s.attempts(),
                        LatencyChart.ms(s.poolWaitMs()), s.instance(), s.requestId())));
    }

    private static Html operations(String chosen) {
        List<Html> options = new ArrayList<>();
        options.add(Html.of("<option value=\"\">all</option>"));
        for (String name : PerfQuery.operations()) {
            options.add(Html.of("<option value=\"{}\"{}>{}</option>", name, name.equals(chosen) ? Html.of(" selected")
                    : Html.EMPTY, name));
        }
        return Html.join(options);
    }

    /** One check's result: title, message, evidence, threshold, runbook and fix. */
    private static Html result(CheckResult c) {
        Html evidence = c.evidence().isEmpty() ? Html.EMPTY : Html.of("<h4>Evidence</h4><dl class=\"evidence\">{}</dl>",
                Html.each(c.evidence().entrySet(), e -> Html.of("<dt>{}</dt><dd>{}</dd>", e.getKey(),
                        cut(value(e.getValue()), MAX_EVIDENCE))));
        Fix fix = c.fix();
        return Html.of("<article class=\"finding\" id=\"check-{}\"><h3>{} <code>{}</code></h3><p class=\"message\">{}"
                        + "</p>{}{}{}{}</article>", c.id(), c.title(), c.id(), c.message(), evidence,
                c.threshold() == null ? Html.EMPTY : Html.of("<p><strong>Threshold:</strong> {}</p>", c.threshold()),
                c.runbook() == null ? Html.EMPTY : Html.of("<h4>Runbook</h4><p class=\"runbook\">{}</p>", c.runbook()),
                fix == null ? Html.EMPTY : Html.of("<h4>Fix ({})</h4><dl class=\"evidence\"><dt>Do</dt><dd><pre>{}</pre>"
                        + "</dd><dt>Undo</dt><dd><pre>{}</pre></dd></dl>", fix.safe()
                        ? "safe: statekeeper doctor --fix applies it" : "by hand, when the runbook says so",
                        fix.action(), fix.undo()));
    }

    /** Checks listed by title and message alone (skipped, ok). */
    private static Html brief(List<CheckResult> checks) {
        return Html.of("<ul class=\"brief\">{}</ul>", Html.each(checks, c -> Html.of("<li><strong>{}</strong> "
                + "<code>{}</code>: {}</li>", c.title(), c.id(), c.message())));
    }

    private static List<CheckResult> of(DoctorReport report, CheckStatus status) {
        return report.checks().stream().filter(c -> c.status() == status).toList();
    }

    private static String value(Object value) {
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(i -> parts.add(String.valueOf(i)));
            return String.join(", ", parts);
        }
        return value instanceof Optional<?> o ? o.map(String::valueOf).orElse("") : String.valueOf(value);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    /** A query value the operation log's reader refuses (its usage error) as the dashboard's 400. */
    private static <T> T usage(Supplier<T> read) {
        try {
            return read.get();
        } catch (StatekeeperException e) {
            if (e.code() == ErrorCode.USAGE) {
                throw new Views.BadInput(e.getMessage());
            }
            throw e;
        }
    }
}
