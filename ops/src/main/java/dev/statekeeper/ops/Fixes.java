package dev.statekeeper.ops;

/** Fixes that findings of several backends give, worded once. */
public final class Fixes {
    private Fixes() {
    }

    /** A project with specs but no roadmap: the command that stores one, the project quoted for a POSIX shell. */
    public static String storeRoadmap(String project) {
        return "store one: statekeeper roadmap put --project '" + project.replace("'", "'\\''") + "' --file ROADMAP.json";
    }
}
