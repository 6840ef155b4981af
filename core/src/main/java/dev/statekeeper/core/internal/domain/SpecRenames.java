package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.SpecName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored specs a store renames when it moves to Unicode names: those whose name is the one an earlier
 * version gave their title ({@link SpecName#isLegacy}), each to its title's name now. A spec keeps its name
 * when the new one is too long, or when another spec of the project already has that name or gets
 * it first (in the order given, the creation order): it stays valid and found by its title
 * ({@link SpecName#lookups}). Renaming only to names no spec has, the renames can be applied in any order
 * without breaking the (project, name) key.
 */
public final class SpecRenames {
    /**
     * A stored spec: its project, name and current title.
     *
     * @param project the project
     * @param name    the name it is stored under
     * @param title   its current title, or null
     */
    public record Stored(String project, String name, String title) {
    }

    /**
     * A spec to rename.
     *
     * @param project the project
     * @param from    its legacy name
     * @param to      the name its title makes now
     */
    public record Rename(String project, String from, String to) {
    }

    /**
     * A spec with a legacy name that keeps it, the name its title makes now, and why it cannot have it.
     *
     * @param project the project
     * @param name    its legacy name, which it keeps
     * @param wanted  the name its title makes now
     * @param reason  why it cannot have it: "longer than 255 characters"
     */
    public record Kept(String project, String name, String wanted, String reason) {
        /**
         * For the log: which spec, and why.
         *
         * @return "spec 'ber' of project 'demo' keeps its name: ..."
         */
        public String describe() {
            return "spec '" + name + "' of project '" + project + "' keeps its name: its title now makes the name '"
                    + wanted + "', " + reason;
        }
    }

    /**
     * The renames and the specs that keep their legacy name.
     *
     * @param renames the specs to rename
     * @param kept    the specs that keep their legacy name
     */
    public record Plan(List<Rename> renames, List<Kept> kept) {
        /**
         * Whether there is nothing to do or report.
         *
         * @return true when no spec has a legacy name
         */
        public boolean isEmpty() {
            return renames.isEmpty() && kept.isEmpty();
        }
    }

    private SpecRenames() {
    }

    /**
     * Plans the renames of a store's specs, as described above.
     *
     * @param specs every stored spec, in creation order
     * @return the renames and the specs that keep their names
     */
    public static Plan plan(List<Stored> specs) {
        Map<String, Set<String>> taken = new HashMap<>();
        for (Stored s : specs) {
            taken.computeIfAbsent(s.project(), p -> new HashSet<>()).add(s.name());
        }
        List<Rename> renames = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Stored s : specs) {
            if (s.title() == null || !SpecName.isLegacy(s.name(), s.title())) {
                continue;
            }
            String wanted = SpecName.normalize(s.title());
            if (wanted.length() > SpecName.MAX) {
                kept.add(new Kept(s.project(), s.name(), wanted, "longer than " + SpecName.MAX + " characters"));
            } else if (!taken.get(s.project()).add(wanted)) {
                kept.add(new Kept(s.project(), s.name(), wanted, "which another spec of the project has"));
            } else {
                renames.add(new Rename(s.project(), s.name(), wanted));
            }
        }
        return new Plan(List.copyOf(renames), List.copyOf(kept));
    }
}
