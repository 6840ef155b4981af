package dev.statekeeper.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from optional filters: a filter whose value is null is left out. The parameters
 * are kept in the order of the clause, ready for {@link Sql}.
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code column = ?} when value is not null; the column name must be a constant, never input. */
    public Where equal(String column, Object value) {
        if (value != null) {
            conditions.add(column + " = ?");
            params.add(value);
        }
        return this;
    }

    /** {@code " WHERE a = ? AND b = ?"}, or "" without conditions. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The parameters of the clause followed by {@code extra} (e.g. LIMIT and OFFSET). */
    public Object[] params(Object... extra) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(extra));
        return all.toArray();
    }
}
