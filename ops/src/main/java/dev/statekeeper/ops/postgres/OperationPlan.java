package dev.statekeeper.ops.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ExplainOperation#explain} found: each statement the operation ran, in order, with its plan as
 * {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} gave it, and the sequential scans of large tables among them.
 *
 * @param operation      the operation's name (a {@link dev.statekeeper.core.api.StateStore} method)
 * @param arguments      the representative arguments it ran with, as keys (ids and names), never document values
 * @param outcome        {@code ok}, or the error the operation ended with (its plans up to the error are kept)
 * @param largeTableRows a sequential scan is flagged on a table of more rows than this
 * @param statements     the statements in the order the operation ran them
 * @param seqScans       the sequential scans of tables of more than {@code largeTableRows} rows
 */
public record OperationPlan(String operation, String arguments, String outcome, long largeTableRows,
                            List<ExplainedStatement> statements, List<SeqScan> seqScans) {
    /** Copies the lists. */
    public OperationPlan {
        statements = List.copyOf(statements);
        seqScans = List.copyOf(seqScans);
    }

    /** Whether a sequential scan of a large table was found. */
    public boolean flagged() {
        return !seqScans.isEmpty();
    }

    /** What became of a statement. */
    public enum Status {
        /** Explained: its plan with the actual rows, times and buffers. */
        EXPLAINED,
        /** Run, but not a statement EXPLAIN takes (LOCK, SET LOCAL...). */
        NOT_EXPLAINABLE,
        /** Not run at all (SET TRANSACTION, which the one transaction cannot take once begun). */
        NOT_RUN,
        /** EXPLAIN failed; the statement was run all the same. */
        EXPLAIN_FAILED
    }

    /**
     * One statement the operation ran.
     *
     * @param number      its place in the operation, from 1
     * @param sql         its text as the store prepared it ({@code ?} for parameters)
     * @param status      what became of it
     * @param note        why it has no plan; null when it has one
     * @param planningMs  the planning time, 0 without a plan
     * @param executionMs the execution time, 0 without a plan
     * @param nodes       the plan's nodes, depth first, the root at depth 0; empty without a plan
     * @param planJson    EXPLAIN's own JSON; null without a plan
     */
    public record ExplainedStatement(int number, String sql, Status status, String note, double planningMs,
                                     double executionMs, List<PlanNode> nodes, String planJson) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Copies the list. */
        public ExplainedStatement {
            nodes = List.copyOf(nodes);
        }

        static ExplainedStatement explained(int number, String sql, String json) {
            JsonNode root;
            try {
                root = JSON.readTree(json).path(0);
            } catch (JsonProcessingException e) {
                return failed(number, sql, "EXPLAIN gave JSON this build cannot read: " + e.getOriginalMessage());
            }
            List<PlanNode> nodes = new ArrayList<>();
            PlanNode.walk(root.path("Plan"), 0, nodes);
            return new ExplainedStatement(number, sql, Status.EXPLAINED, null, root.path("Planning Time").asDouble(),
                    root.path("Execution Time").asDouble(), nodes, json);
        }

        static ExplainedStatement notExplainable(int number, String sql) {
            return new ExplainedStatement(number, sql, Status.NOT_EXPLAINABLE, "run, but EXPLAIN does not take it",
                    0, 0, List.of(), null);
        }

        static ExplainedStatement notRun(int number, String sql, String note) {
            return new ExplainedStatement(number, sql, Status.NOT_RUN, note, 0, 0, List.of(), null);
        }

        static ExplainedStatement failed(int number, String sql, String why) {
            return new ExplainedStatement(number, sql, Status.EXPLAIN_FAILED, "EXPLAIN failed: " + why, 0, 0,
                    List.of(), null);
        }
    }

    /**
     * One node of a plan.
     *
     * @param depth               its depth, the root's 0
     * @param nodeType            EXPLAIN's node type: Seq Scan, Index Scan, Index Only Scan, Bitmap Heap Scan...
     * @param relation            the table it reads; null for a node that reads none
     * @param index               the index it uses; null for one that uses none
     * @param estimatedRows       the planner's estimate of the rows it returns per loop
     * @param actualRows          the rows it returned per loop
     * @param loops               how many times it ran
     * @param rowsRemovedByFilter the rows it read and its filter removed, per loop
     * @param sharedHit           shared-buffer blocks found in memory
     * @param sharedRead          shared-buffer blocks read from the operating system
     */
    public record PlanNode(int depth, String nodeType, String relation, String index, double estimatedRows,
                           long actualRows, long loops, long rowsRemovedByFilter, long sharedHit, long sharedRead) {
        /** The rows the node read: those it returned and those its filter removed, over all its loops. */
        public long rowsRead() {
            return (actualRows + rowsRemovedByFilter) * Math.max(1, loops);
        }

        static void walk(JsonNode plan, int depth, List<PlanNode> out) {
            if (plan.isMissingNode()) {
                return;
            }
            out.add(new PlanNode(depth, plan.path("Node Type").asText(), text(plan, "Relation Name"),
                    text(plan, "Index Name"), plan.path("Plan Rows").asDouble(),
                    Math.round(plan.path("Actual Rows").asDouble()), plan.path("Actual Loops").asLong(),
                    Math.round(plan.path("Rows Removed by Filter").asDouble()), plan.path("Shared Hit Blocks").asLong(),
                    plan.path("Shared Read Blocks").asLong()));
            for (JsonNode child : plan.path("Plans")) {
                walk(child, depth + 1, out);
            }
        }

        private static String text(JsonNode plan, String field) {
            JsonNode value = plan.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        String line() {
            StringBuilder out = new StringBuilder(nodeType);
            if (index != null) {
                out.append(" using ").append(index);
            }
            if (relation != null) {
                out.append(" on ").append(relation);
            }
            out.append(String.format(Locale.ROOT, "  (rows %d, estimated %.0f, loops %d", actualRows, estimatedRows,
                    loops));
            if (rowsRemovedByFilter > 0) {
                out.append(", removed by filter ").append(rowsRemovedByFilter);
            }
            if (sharedHit + sharedRead > 0) {
                out.append(", shared hit ").append(sharedHit).append(" read ").append(sharedRead);
            }
            return out.append(')').toString();
        }
    }

    /**
     * A sequential scan of a large table.
     *
     * @param statement the number of the statement it is in
     * @param relation  the table
     * @param rowsRead  the rows the scan read (returned and removed by its filter)
     * @param tableRows the table's rows as the statistics estimate them ({@code pg_class.reltuples}); -1 when it was
     *                  never analyzed
     */
    public record SeqScan(int statement, String relation, long rowsRead, long tableRows) {
        /** The finding as one line. */
        public String message() {
            return "statement " + statement + " reads table " + relation + " by a sequential scan (" + rowsRead
                    + " rows read" + (tableRows >= 0 ? ", about " + tableRows + " rows in the table" : "")
                    + "): it wants an index on the columns it filters on, or fresh statistics (ANALYZE " + relation + ")";
        }
    }

    /**
     * The plan as a terminal shows it: the operation and its arguments, each statement on one line with its plan
     * tree below, then the flagged scans.
     *
     * @return lines separated by {@code \n}, the last one ended too
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("explain ").append(operation).append(arguments.isEmpty() ? "" : " (" + arguments + ")")
                .append(": ").append(statements.size()).append(" statement(s), ").append(outcome)
                .append(", rolled back\n");
        for (ExplainedStatement s : statements) {
            out.append('\n').append(s.number()).append(". ").append(StatementReport.oneLine(s.sql())).append('\n');
            if (s.status() != Status.EXPLAINED) {
                out.append("   ").append(s.note()).append('\n');
                continue;
            }
            out.append(String.format(Locale.ROOT, "   planning %.3f ms, execution %.3f ms%n", s.planningMs(),
                    s.executionMs()));
            for (PlanNode node : s.nodes()) {
                out.append("   ").append("  ".repeat(node.depth())).append("-> ").append(node.line()).append('\n');
            }
        }
        out.append('\n');
        if (seqScans.isEmpty()) {
            out.append("no sequential scan of a table of more than ").append(largeTableRows).append(" rows\n");
        } else {
            for (SeqScan scan : seqScans) {
                out.append("WARNING: ").append(scan.message()).append('\n');
            }
        }
        return out.toString();
    }
}
