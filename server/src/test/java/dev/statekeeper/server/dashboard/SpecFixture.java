package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Specs with revisions for the Specs pages' tests, written through the store as a client would. */
final class SpecFixture {
    /** A field value that is a script: it must be shown, never run. */
    static final String SCRIPT = "<script>document.body.append(Object.assign(document.createElement('b'),"
            + "{id:'pwned'}))</script>";
    /** A title that tries an element with a handler. */
    static final String IMG_TITLE = "<img id=\"pwned-img\" src=\"x\" onerror=\"alert('xss')\"> Checkout";
    /** The spec with three revisions: "Auth Service" of project "demo". */
    static final String AUTH = "auth-service";
    /** The revisions of the spec of project "huge", written in one go through the archive. */
    static final int REVISIONS = 1_200;
    /** The lines of the long field of the spec "long-field" of project "demo": more than the diff compares. */
    static final int LONG_LINES = 6_000;

    private SpecFixture() {
    }

    /**
     * Project "demo": "Auth Service" in three revisions (architecture rewritten, status moved on, a section
     * added), a spec whose title and architecture are markup, and a spec with a {@value #LONG_LINES}-line field
     * in two revisions; project "huge": one spec with {@value #REVISIONS} revisions.
     */
    static void seed(StateStore store) {
        store.putSpec("demo", content("Auth Service", null, "Sign users in", "Login and tokens", "the user store",
                "an auth service", "one monolith\nwith a session table\nand cookies", Map.of()));
        store.updateSpec("demo", AUTH, content(null, SpecStatus.IN_REVIEW, null, null, null, null,
                "one monolith\nwith a token table\nand cookies", null), null);
        store.updateSpec("demo", AUTH, content(null, SpecStatus.APPROVED, null, null, null, null,
                "two services\nwith a token table\nand cookies\nand a gateway", Map.of("Risks", "token theft")), null);
        store.putSpec("demo", content(IMG_TITLE, null, SCRIPT, "", "", "", SCRIPT, Map.of()));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= LONG_LINES; i++) {
            lines.append("line ").append(i).append('\n');
        }
        store.putSpec("demo", content("Long Field", null, null, null, null, null, lines.toString(), Map.of()));
        store.updateSpec("demo", "long-field", content(null, null, null, null, null, null, "changed first line\n"
                + lines, null), null);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<SpecRecord.Revision> revisions = new ArrayList<>(REVISIONS);
        for (int v = 1; v <= REVISIONS; v++) {
            revisions.add(new SpecRecord.Revision(v, v - 1, start.plusSeconds(v), complete("Many Revisions",
                    "architecture at revision " + v)));
        }
        ArchiveLoader loader = store.archive().loader(LoadMode.MERGE);
        loader.accept(new SpecRecord("huge", "many-revisions", start, revisions));
        loader.finish();
    }

    static SpecContent content(String title, SpecStatus status, String objectives, String scope, String dependencies,
                               String deliverables, String architecture, Map<String, String> sections) {
        return new SpecContent(title, status, objectives, scope, dependencies, deliverables, architecture, null, null,
                null, null, null, null, null, null, sections == null ? null : new LinkedHashMap<>(sections));
    }

    private static SpecContent complete(String title, String architecture) {
        return new SpecContent(title, SpecStatus.DRAFT, "o", "s", "d", "del", architecture, "", "", "", "", "", "",
                "", "", Map.of());
    }
}
