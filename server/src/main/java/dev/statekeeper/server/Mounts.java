package dev.statekeeper.server;

import jakarta.servlet.http.HttpServlet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The servlets mounted beside the API, by path spec: an exact path ({@code /mcp}) or a prefix ({@code /extra/*}).
 * At most one per first path segment, and none under the server's own /api, /health, /metrics and /dashboard.
 */
final class Mounts {
    private static final Pattern PATH_SPEC = Pattern.compile("(/[A-Za-z0-9._~-]+)+(/\\*)?");
    private static final Set<String> RESERVED = Set.of("api", "health", "metrics", "dashboard");

    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();

    void add(String pathSpec, HttpServlet servlet) {
        Objects.requireNonNull(servlet, "servlet");
        if (pathSpec == null || !PATH_SPEC.matcher(pathSpec).matches() || RESERVED.contains(segment(pathSpec))) {
            throw new IllegalArgumentException("servlet path spec '" + pathSpec + "' must be an exact path such as "
                    + "/status or a prefix such as /extra/*, outside /api, /health, /metrics and /dashboard");
        }
        String taken = overlapping(pathSpec);
        if (taken != null) {
            throw new IllegalArgumentException("servlet path spec '" + pathSpec + "' overlaps the servlet mounted at '"
                    + taken + "'");
        }
        servlets.put(pathSpec, servlet);
    }

    /** Whether a servlet is mounted under the same first path segment. */
    boolean overlaps(String pathSpec) {
        return overlapping(pathSpec) != null;
    }

    Map<String, HttpServlet> all() {
        return Collections.unmodifiableMap(servlets);
    }

    Mounts copy() {
        Mounts copy = new Mounts();
        copy.servlets.putAll(servlets);
        return copy;
    }

    private String overlapping(String pathSpec) {
        for (String mounted : servlets.keySet()) {
            if (segment(mounted).equals(segment(pathSpec))) {
                return mounted;
            }
        }
        return null;
    }

    private static String segment(String pathSpec) {
        int slash = pathSpec.indexOf('/', 1);
        return slash < 0 ? pathSpec.substring(1) : pathSpec.substring(1, slash);
    }
}
