package dev.statekeeper.doctor;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which checks a run includes: all of them ({@code doctor}), the cheap ones ({@code healthcheck}), or the ones named
 * ({@code doctor --check ID...}). {@code connection} always runs: every other check depends on it. A check named
 * explicitly may do more than it does by default ({@code --check integrity} runs the full integrity check).
 */
public record Selection(boolean cheapOnly, Set<String> ids) {
    public Selection {
        ids = Set.copyOf(new LinkedHashSet<>(ids));
    }

    public static Selection all() {
        return new Selection(false, Set.of());
    }

    /** The checks that are fast whatever the number of records: {@code healthcheck}. */
    public static Selection cheap() {
        return new Selection(true, Set.of());
    }

    /** Only these checks (ids as {@code --check} takes them); all when empty. */
    public static Selection of(Collection<String> ids) {
        return new Selection(false, Set.copyOf(ids));
    }

    /** Whether the run includes the check. */
    public boolean includes(Check<?> check) {
        return (ids.isEmpty() || ids.contains(check.id())) && (!cheapOnly || check.cheap());
    }

    /** Whether the check was named with {@code --check}. */
    public boolean named(String id) {
        return ids.contains(id);
    }
}
