package dev.statekeeper.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value.
 *
 * @param <T> the value of one row
 */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
}
