package dev.statekeeper.jdbc.internal.flyway;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's logging as Statekeeper configures it ({@link #name()}): through slf4j under Flyway's own logger names,
 * with its start-up narration ("Database: jdbc:sqlite:...", "Successfully validated 4 migrations", "Current version
 * of schema", "Migrating schema ... to version ...") at DEBUG instead of INFO, so opening a store prints nothing on an
 * embedder's console at INFO. Warnings and errors keep their level, except the server's notices that Flyway passes
 * on as warnings ({@code DB: extension "pg_trgm" already exists, skipping}, from an {@code IF NOT EXISTS} that had
 * nothing to do): they say nothing went wrong, so they go to DEBUG too. To see the narration, set
 * {@code org.flywaydb} to DEBUG. Flyway instantiates this class by name ({@code loggers}), so it stays public with a no-argument
 * constructor.
 */
public final class QuietFlywayLog implements LogCreator {
    /** How Flyway prefixes a warning or notice the database server sent while a migration ran. */
    static final String SERVER_NOTICE = "DB: ";

    public QuietFlywayLog() {
    }

    /** Flyway's {@code loggers} value that selects this class. */
    public static String name() {
        return QuietFlywayLog.class.getName();
    }

    @Override
    public Log createLogger(Class<?> type) {
        return new Quiet(LoggerFactory.getLogger(type));
    }

    private record Quiet(Logger logger) implements Log {
        @Override
        public void debug(String message) {
            logger.debug(message);
        }

        @Override
        public void info(String message) {
            logger.debug(message);
        }

        @Override
        public void notice(String message) {
            logger.debug(message);
        }

        @Override
        public void warn(String message) {
            if (message.startsWith(SERVER_NOTICE)) {
                logger.debug(message);
            } else {
                logger.warn(message);
            }
        }

        @Override
        public void error(String message) {
            logger.error(message);
        }

        @Override
        public void error(String message, Exception e) {
            logger.error(message, e);
        }
    }
}
