package dev.statekeeper.core.config;

import dev.statekeeper.core.error.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules between settings, which no value breaks alone: the pool's minimum is at most its maximum, and
 * STATE_MANAGER=database needs DATABASE_URL (unless STATEKEEPER_BACKEND names the backend). A broken rule is said
 * of one of its settings, naming the other's value and where each came from: of the one {@code config set} is
 * changing when it takes part, else of the one from the higher layer (flag, environment, file, default), which is
 * likely the newer choice.
 */
final class SettingRules {
    /** A broken rule: the settings it is between, and the violation said of one of them. */
    record Broken(List<Setting> settings, Violation violation) {
    }

    private SettingRules() {
    }

    /** The broken rules between values that are each in range; {@code focus} (may be null) is the one to blame. */
    static List<Broken> broken(Settings settings, Setting focus) {
        List<Broken> broken = new ArrayList<>();
        pool(settings, focus, broken);
        stateManager(settings, focus, broken);
        return broken;
    }

    private static void pool(Settings s, Setting focus, List<Broken> broken) {
        Setting min = Setting.POOL_MIN_SIZE;
        Setting max = Setting.POOL_MAX_SIZE;
        if (!s.inRange(min) || !s.inRange(max) || s.integer(max) >= s.integer(min)) {
            return;
        }
        Setting blamed = focus == min || focus == max ? focus
                : s.value(min).source().compareTo(s.value(max).source()) > 0 ? min : max;
        Violation violation = blamed == min
                ? violation(s, min, "must be at most " + max.variable() + ", " + which(s, max))
                : violation(s, max, "must be at least " + min.variable() + ", " + which(s, min));
        broken.add(new Broken(List.of(min, max), violation));
    }

    private static void stateManager(Settings s, Setting focus, List<Broken> broken) {
        Setting manager = Setting.STATE_MANAGER;
        String value = s.raw(manager);
        if (value == null || !s.inRange(manager) || !"database".equalsIgnoreCase(value.trim())
                || s.raw(Setting.DATABASE_URL) != null || s.value(Setting.BACKEND).source() != Settings.Source.DEFAULT) {
            return;
        }
        Violation violation = focus == manager
                ? violation(s, manager, "needs " + Setting.DATABASE_URL.variable() + ", which is not set")
                : new Violation(Setting.DATABASE_URL.variable(), null, "is required when STATE_MANAGER=database ("
                        + "STATE_MANAGER " + s.origin(manager) + ")");
        broken.add(new Broken(List.of(manager, Setting.DATABASE_URL, Setting.BACKEND), violation));
    }

    private static Violation violation(Settings s, Setting setting, String rule) {
        return new Violation(setting.variable(), setting.display(s.raw(setting)), rule + " (" + s.origin(setting) + ")");
    }

    /** "which is 20 by default", "which is 10 from the environment". */
    private static String which(Settings s, Setting other) {
        String origin = s.origin(other);
        return "which is " + s.raw(other).trim() + " " + ("default".equals(origin) ? "by default" : origin);
    }
}
