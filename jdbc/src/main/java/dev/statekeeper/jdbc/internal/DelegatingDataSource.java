package dev.statekeeper.jdbc.internal;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A DataSource that hands out another's connections its own way ({@link #getConnection()}) and passes everything
 * else on to it: the log writer, the login timeout, the parent logger, and unwrapping (to itself's delegate first).
 */
public interface DelegatingDataSource extends DataSource {
    /** The DataSource whose connections this one hands out. */
    DataSource delegate();

    @Override
    default PrintWriter getLogWriter() throws SQLException {
        return delegate().getLogWriter();
    }

    @Override
    default void setLogWriter(PrintWriter out) throws SQLException {
        delegate().setLogWriter(out);
    }

    @Override
    default void setLoginTimeout(int seconds) throws SQLException {
        delegate().setLoginTimeout(seconds);
    }

    @Override
    default int getLoginTimeout() throws SQLException {
        return delegate().getLoginTimeout();
    }

    @Override
    default Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate().getParentLogger();
    }

    @Override
    default <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(delegate()) ? type.cast(delegate()) : delegate().unwrap(type);
    }

    @Override
    default boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(delegate()) || delegate().isWrapperFor(type);
    }
}
