/**
 * The web dashboard {@code statekeeper serve} serves at {@code /}: the store at a glance (overview), its loops
 * (filterable list) and each loop (score chart over iterations with its type's threshold, decisions, feedback paged);
 * the projects with specs and their specs, and each spec (its fields with the frozen ones marked, its revisions
 * paged, a side-by-side line diff of any two revisions: {@code SpecViews}, {@code TextDiff});
 * roadmaps (per project, with the project's specs), project plans and work sessions ({@code DocumentViews}); the
 * store's health (the doctor's findings by severity with evidence and runbook: the latest scheduled run, or the
 * cheap checks run on request) and its performance (operation p50/p95/p99 over the last hour and day, the slowest
 * operations, the connection pool's gauges).
 *
 * <h2>Why it is built this way</h2>
 * <ul>
 *   <li><b>Server-rendered HTML from Java, no template engine.</b> The views are a few hundred lines of
 *       {@link dev.statekeeper.server.dashboard.Html#of} templates; an engine would add a dependency, a second
 *       language and its own escaping rules for no gain at this size. Escaping happens in one place,
 *       {@code Html}: every value put in a template is escaped unless it already is {@code Html}, so stored text
 *       (a {@code <script>} in a project name or a critic's feedback) can only be shown as text.</li>
 *   <li><b>Charts as SVG rendered on the server</b> ({@code ScoreChart}): no chart library, no script needed to
 *       draw, colours from the stylesheet so dark mode applies.</li>
 *   <li><b>One small script, one stylesheet, from the jar</b> ({@code /dashboard/assets/app.js} and
 *       {@code app.css}, classpath resources under {@code dashboard/}): no CDN, no build step, nothing fetched
 *       from the network. A Content-Security-Policy allows only this server's script, styles and data.</li>
 *   <li><b>Same port, same rules as the API.</b> A page is a shell (no data) and its data is a server-rendered
 *       fragment under {@code /dashboard/fragment/...}, behind the API's guard. Without a token (a loopback
 *       server), a local request passes the guard, so the page carries its data inline and works without script.
 *       With STATEKEEPER_API_TOKEN, the script asks for the token once (a 401 shows a form), keeps it in the
 *       tab's sessionStorage, and fetches the fragment with {@code Authorization: Bearer}; the token is never in
 *       a URL. Fragments rather than the JSON API rendered by script, so escaping stays in Java.</li>
 *   <li><b>Live updates</b> follow {@code GET /api/v1/events/stream} with {@code fetch()} streaming (EventSource
 *       cannot send the Authorization header), from the sequence the fragment was rendered at (filtered to the
 *       loop on a loop page, to the spec on a spec page), and reload the fragment on each event. Where the stream
 *       cannot be followed (a backend without change history yet, a stream ended by a server stop) the script polls
 *       the fragment every 5 seconds with {@code If-None-Match}: an unchanged fragment answers 304. The health and
 *       performance pages poll (their data is no store event: a scheduled doctor run, the operation log), and the
 *       doctor's checks run on request are not repeated at all (entity {@code still}: reload to run them again).</li>
 *   <li><b>Not API routes.</b> The pages, fragments and assets are HTML, CSS and script for a browser, not part of
 *       the JSON API: they are registered beside it, not through its route table, so the OpenAPI document does
 *       not list them.</li>
 * </ul>
 * Long lists are paged on the server: a loop with 10,000 feedback entries renders 50 of them with a link to the
 * next page.
 *
 * <h2>Actions</h2>
 * Read-only by default. With STATEKEEPER_DASHBOARD_WRITE=true the pages render a few buttons (end a session, decide
 * a loop whose newest feedback waits for a decision, clean old ended sessions). The script asks for confirmation in
 * a {@code <dialog>}, then sends the JSON API's own request with the tab's token and an {@code Idempotency-Key}, so
 * the API's validation, guard and idempotency apply unchanged; it reloads the fragment and shows the outcome or the
 * API's problem detail in a {@code role=alert} line. A browser sends {@code Origin} on a same-origin POST, so with
 * the setting on the API's local-only guard also admits the server's own origin (the loopback {@code Host} the
 * request was sent to); any other page's request is still refused.
 */
package dev.statekeeper.server.dashboard;
