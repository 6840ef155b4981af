package dev.statekeeper.ops.sql;

import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.RoadmapStatus;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema's CHECKs, asked of the rows: scores 0-100, iterations and versions in range, statuses and types
 * among the domain's values, documents that are JSON objects. A row breaks one only when the check was
 * bypassed (SQLite's {@code ignore_check_constraints}, a dropped constraint, a hand-edited file). Repair leaves
 * them alone: it cannot know the value that was meant.
 */
final class ValueRules {
    /** One rule: the rows of {@code table} (named by {@code keys}) whose {@code column} breaks {@code valid}. */
    record Rule(String table, List<String> keys, String column, String valid, String rule) {
        List<Finding> find(Connection c) throws SQLException {
            List<Object[]> rows = Jdbc.list(c, "SELECT " + String.join(", ", keys) + ", " + column + " FROM " + table
                    + " WHERE (" + valid + ") IS NOT TRUE ORDER BY " + String.join(", ", keys) + " LIMIT "
                    + (Orphans.SHOWN + 1), row -> {
                        Object[] values = new Object[keys.size() + 1];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = row.getObject(i + 1);
                        }
                        return values;
                    });
            List<Finding> findings = new ArrayList<>();
            for (Object[] values : rows.subList(0, Math.min(Orphans.SHOWN, rows.size()))) {
                List<Object> key = Arrays.asList(values).subList(0, keys.size());
                findings.add(Finding.error(Check.VALUES, Keys.where(table, keys, key),
                        column + " is " + Keys.quote(values[keys.size()]) + ", which " + rule,
                        "correct it by hand (UPDATE " + table + " SET " + column + " = ... WHERE "
                                + Keys.condition(keys, key)
                                + ") or delete the record; --repair does not guess values"));
            }
            if (rows.size() > Orphans.SHOWN) {
                findings.add(Finding.error(Check.VALUES, table, "more rows break the rule that " + column + " " + rule,
                        "list them: SELECT * FROM " + table + " WHERE (" + valid + ") IS NOT TRUE"));
            }
            return findings;
        }
    }

    private ValueRules() {
    }

    static List<Rule> rules(SqlFlavor sql) {
        List<String> loop = List.of("id");
        List<String> feedback = List.of("loop_id", "seq");
        List<String> spec = List.of("project_name", "spec_name");
        List<String> revision = List.of("spec_id", "version");
        List<String> project = List.of("project_name");
        return List.of(
                text("loop_states", loop, "project_name", 255),
                oneOf("loop_states", loop, "loop_type", LoopType.class),
                oneOf("loop_states", loop, "status", LoopStatus.class),
                score("loop_states", loop, "current_score"),
                atLeast("loop_states", loop, "iteration", 1),
                atLeast("loop_states", loop, "feedback_count", 0),
                atLeast("loop_states", loop, "version", 1),
                atLeast("critic_feedback", feedback, "seq", 1),
                atLeast("critic_feedback", feedback, "iteration", 1),
                score("critic_feedback", feedback, "overall_score"),
                text("critic_feedback", feedback, "critic_agent", 100),
                json(sql, "critic_feedback", feedback, "key_issues", "array"),
                json(sql, "critic_feedback", feedback, "recommendations", "array"),
                new Rule("technical_specs", spec, "spec_name", sql.specName("spec_name"),
                        "must be a normalized name of 1-255 characters a-z, 0-9 and '-'"),
                oneOf("technical_specs", spec, "spec_status", SpecStatus.class),
                atLeast("technical_specs", spec, "iteration", 0),
                atLeast("technical_specs", spec, "version", 1),
                json(sql, "technical_specs", spec, "content", "object"),
                atLeast("spec_revisions", revision, "iteration", 0),
                json(sql, "spec_revisions", revision, "content", "object"),
                oneOf("roadmaps", project, "roadmap_status", RoadmapStatus.class),
                atLeast("roadmaps", project, "version", 1),
                json(sql, "roadmaps", project, "content", "object"),
                oneOf("project_plans", project, "plan_status", PlanStatus.class),
                atLeast("project_plans", project, "version", 1),
                json(sql, "project_plans", project, "content", "object"),
                oneOf("sessions", List.of("name"), "status", SessionStatus.class),
                json(sql, "sessions", List.of("name"), "metadata", "object"));
    }

    private static Rule score(String table, List<String> keys, String column) {
        return new Rule(table, keys, column, column + " BETWEEN 0 AND 100", "must be between 0 and 100");
    }

    private static Rule atLeast(String table, List<String> keys, String column, int min) {
        return new Rule(table, keys, column, column + " >= " + min, "must be at least " + min);
    }

    private static Rule text(String table, List<String> keys, String column, int max) {
        return new Rule(table, keys, column, "length(" + column + ") BETWEEN 1 AND " + max,
                "must be 1-" + max + " characters");
    }

    private static Rule json(SqlFlavor sql, String table, List<String> keys, String column, String type) {
        return new Rule(table, keys, column, sql.jsonOfType(column, type), "must be a JSON " + type);
    }

    private static <E extends Enum<E> & WireEnum> Rule oneOf(String table, List<String> keys, String column,
                                                            Class<E> type) {
        String values = Arrays.stream(type.getEnumConstants()).map(e -> "'" + e.wire() + "'")
                .collect(Collectors.joining(", "));
        return new Rule(table, keys, column, column + " IN (" + values + ")", "must be one of " + WireEnum.allowed(type));
    }
}
