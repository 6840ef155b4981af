package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.lang.reflect.RecordComponent;
import java.time.Instant;

/** Rules the records share, and the domain's own validations reused with the record's field names. */
final class ArchiveRecordChecks {
    private ArchiveRecordChecks() {
    }

    /**
     * Runs one of the domain's validations (a {@code validate()} that throws every violation at once) and adds its
     * violations with {@code prefix} before each field: {@code feedback[2].} + {@code overallScore}.
     */
    static void adopt(Checks checks, String prefix, Runnable validation) {
        try {
            validation.run();
        } catch (StatekeeperException e) {
            if (e.violations().isEmpty()) {
                throw e;
            }
            e.violations().forEach(v -> checks.add(new Violation(prefix + v.field(), v.value(), v.rule())));
        }
    }

    /** A timestamp every stored record has, within the years every backend can store. */
    static void time(Checks checks, String field, Instant value) {
        if (value == null) {
            checks.add(new Violation(field, null, "is required"));
        } else if (value.isBefore(Timestamps.MIN) || value.isAfter(Timestamps.MAX)) {
            checks.add(new Violation(field, value, "must be between " + Timestamps.MIN + " and " + Timestamps.MAX));
        }
    }

    /** Every field of a stored document is present (a stored document is complete; only input may omit fields). */
    static void complete(Checks checks, String prefix, Record document) {
        for (RecordComponent c : document.getClass().getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(document) == null) {
                    checks.add(new Violation(prefix + c.getName(), null, "is required"));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
        }
    }

    /**
     * The rules a project's document record (roadmap, plan) shares: project, version, timestamps, and a content
     * that is there and complete. Returns whether the content is there, for the checks particular to the kind.
     */
    static boolean projectDocument(Checks checks, String project, long version, Instant createdAt, Instant updatedAt,
                                   Record content) {
        checks.text("project", project, NewLoop.MAX_PROJECT).atLeast("version", version, 1);
        time(checks, "createdAt", createdAt);
        time(checks, "updatedAt", updatedAt);
        if (content == null) {
            checks.add(new Violation("content", null, "is required"));
            return false;
        }
        complete(checks, "content.", content);
        return true;
    }

    /** 'text', for keys in messages. */
    static String quote(String text) {
        return "'" + text + "'";
    }
}
