package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

/** The rules of storing and updating a spec, shared by every backend. */
public final class Specs {
    private Specs() {
    }

    /**
     * Validates a first store and returns the complete document (missing fields empty, status draft).
     *
     * @param project the project
     * @param input   the document as given
     * @return the complete document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming every broken field
     */
    public static SpecContent forFirstStore(String project, SpecContent input) {
        Checks checks = Checks.of("spec").text("project", project, NewLoop.MAX_PROJECT);
        if (input == null) {
            checks.add(new Violation("spec", null, "is required")).orThrow();
        }
        checks.text("title", input.title(), SpecName.MAX);
        Documents.checkText(checks, input);
        String name = input.title() == null || input.title().isBlank() ? null : SpecName.normalize(input.title());
        if (name != null && name.isEmpty()) {
            checks.add(new Violation("title", input.title(), "must contain a letter or digit"));
        } else if (name != null && name.length() > SpecName.MAX) {
            checks.add(new Violation("title", input.title(), "makes a name of " + name.length()
                    + " characters (at most " + SpecName.MAX + ")"));
        }
        checks.orThrow();
        return Documents.withDefaults(input, SpecContent.class, SpecStatus.DRAFT);
    }

    /**
     * Validates an update of the spec {@code name} and returns the merged document. A title, when given,
     * must still normalize to {@code name}; frozen fields may be repeated unchanged or omitted.
     *
     * @param stored the stored spec
     * @param input  the changes: non-null fields replace the stored ones
     * @return the merged document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for missing changes, a title of another
     *         name, or a too long or unstorable field;
     *         {@link dev.statekeeper.core.error.ErrorCode#FROZEN_FIELD} naming each frozen field that would change
     */
    public static SpecContent forUpdate(Spec stored, SpecContent input) {
        Checks checks = Checks.of("spec update");
        if (input == null) {
            checks.add(new Violation("spec", null, "is required")).orThrow();
        }
        if (input.title() != null && !SpecName.titles(stored.name(), input.title())) {
            checks.add(new Violation("title", input.title(),
                    "must keep the name '" + stored.name() + "' (it normalizes to '" + SpecName.normalize(input.title()) + "')"));
        }
        Documents.checkText(checks, input).orThrow();
        return Documents.merge(stored.content(), input, SpecContent.class, SpecContent.FROZEN, "spec update");
    }
}
