package dev.statekeeper.ops.postgres;

import java.util.List;
import java.util.Locale;

/**
 * What {@link StatementStats#read} found: Statekeeper's statements in pg_stat_statements, most total time first, or,
 * when the extension cannot be read, why and how to enable it.
 *
 * @param database          the database
 * @param role              the role whose statements were read (the store's)
 * @param available         whether pg_stat_statements could be read
 * @param unavailableReason when not available, why and what a superuser runs to enable it; else null
 * @param extensionVersion  the installed extension's version (e.g. 1.10); null when not installed
 * @param totalTimeColumn   the view's column of total time: {@code total_exec_time} (1.8, PostgreSQL 13, and
 *                          later) or {@code total_time} (before); null when not available
 * @param meanTimeColumn    {@code mean_exec_time} or {@code mean_time}; null when not available
 * @param matching          how many statements matched, of which {@code statements} holds the first
 * @param statements        the statements, most total time first, at most the limit asked for
 */
public record StatementReport(String database, String role, boolean available, String unavailableReason,
                              String extensionVersion, String totalTimeColumn, String meanTimeColumn, long matching,
                              List<StatementStat> statements) {
    /** The longest a statement's text is shown by {@link #toText()}. */
    public static final int SHOWN_QUERY = 160;

    /** Copies the list. */
    public StatementReport {
        statements = List.copyOf(statements);
    }

    static StatementReport unavailable(String database, String role, String extensionVersion, String reason) {
        return new StatementReport(database, role, false, reason, extensionVersion, null, null, 0, List.of());
    }

    /**
     * The report as a terminal shows it: a header line, then one line per statement (calls, total and mean time,
     * rows, hit ratio, the statement on one line, cut at {@value #SHOWN_QUERY} characters); or the reason it is not
     * available.
     *
     * @return lines separated by {@code \n}, the last one ended too
     */
    public String toText() {
        if (!available) {
            return unavailableReason + "\n";
        }
        StringBuilder out = new StringBuilder();
        out.append("pg_stat_statements ").append(extensionVersion).append(": ").append(matching)
                .append(" statement(s) of role '").append(role).append("' on Statekeeper's tables in database '")
                .append(database).append("'");
        if (matching > statements.size()) {
            out.append(", the ").append(statements.size()).append(" with the most total time");
        }
        out.append('\n');
        if (statements.isEmpty()) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "%10s %12s %10s %10s %6s  %s%n", "calls", "total ms", "mean ms", "rows",
                "hit %", "statement"));
        for (StatementStat s : statements) {
            out.append(String.format(Locale.ROOT, "%10d %12.1f %10.3f %10d %6s  %s%n", s.calls(), s.totalMs(),
                    s.meanMs(), s.rows(), s.hitRatio() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f", s.hitRatio() * 100), oneLine(s.query())));
        }
        return out.toString();
    }

    /** The text on one line, runs of white space and control characters as one space, cut to fit. */
    static String oneLine(String text) {
        String line = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        return line.length() <= SHOWN_QUERY ? line : line.substring(0, SHOWN_QUERY - 3) + "...";
    }
}
