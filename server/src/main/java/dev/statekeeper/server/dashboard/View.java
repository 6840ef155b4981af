package dev.statekeeper.server.dashboard;

/**
 * A rendered view: what the fragment route answers and what a page shell shows inline.
 *
 * @param status   the HTTP status (200, or 400/404 for a view that explains what went wrong)
 * @param title    the page's title, as text
 * @param body     the view's HTML
 * @param sequence the store's newest event when it was rendered, where live updates resume; -1 when the store keeps
 *                 no change history (then the page polls)
 * @param entity   the record whose events change the view ({@code loop:ID}), or null for any event;
 *                 {@link HealthViews#STILL} for a view the page must not reload (the doctor's checks run on request)
 */
record View(int status, String title, Html body, long sequence, String entity) {
    /** The view wrapped in its fragment element, which carries what the script needs to follow changes. */
    Html fragment() {
        return Html.of("<div class=\"fragment\" data-title=\"{}\" data-sequence=\"{}\" data-entity=\"{}\">{}</div>",
                title, sequence, entity == null ? "" : entity, body);
    }
}
