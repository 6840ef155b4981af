package dev.statekeeper.testkit.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 16 server per test JVM (zonky's embedded binaries), started on first use and stopped
 * when the JVM exits. Tests never share a database: {@link #createDatabase} makes a fresh one for each
 * store, optionally copied from a template (a prepared database is copied far faster than it is migrated).
 * The superuser {@value #USER} needs no password (trust authentication on localhost).
 *
 * <p>Fault-injection tests take a server of their own ({@link #startPrivate}), which they may shut down
 * ({@link #shutDown}, fast or immediate, as an operator or a crash would) and start again on the same data and
 * port ({@link #restart}) while a store is using it.
 */
public final class PostgresServer {
    public static final String USER = "postgres";

    private static final Object LOCK = new Object();
    private static PostgresServer shared;

    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private final java.util.Map<String, String> config;

    private PostgresServer(Path dataDirectory, java.util.Map<String, String> config) {
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.postgres = start(dataDirectory, 0, config);
        this.port = postgres.getPort();
    }

    /** How a server is stopped: as {@code pg_ctl stop -m fast} does (SIGINT), or {@code -m immediate} (SIGQUIT). */
    public enum Shutdown {
        FAST("INT"), IMMEDIATE("QUIT");

        private final String signal;

        Shutdown(String signal) {
            this.signal = signal;
        }
    }

    /**
     * A server of the caller's own, not shared with other test classes, with the given server settings on top
     * of the shared server's (e.g. {@code max_connections}); stopped and deleted when the JVM exits.
     */
    public static PostgresServer startPrivate(java.util.Map<String, String> config) {
        try {
            PostgresServer server = new PostgresServer(dataDirectory(), config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "postgres-private-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a data directory for PostgreSQL", e);
        }
    }

    /**
     * Stops the server by signalling its postmaster, and returns once it has exited: every connection is cut,
     * and with IMMEDIATE nothing is flushed (the next start recovers from the WAL, as after a crash).
     */
    public void shutDown(Shutdown mode) {
        try {
            ProcessHandle postmaster = postmaster().orElseThrow(() -> new IllegalStateException(
                    "no PostgreSQL server runs in " + dataDirectory));
            long pid = postmaster.pid();
            Process kill = new ProcessBuilder("kill", "-" + mode.signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + mode.signal + " " + pid + " failed");
            }
            postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the PostgreSQL server in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the server", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the server in " + dataDirectory + " did not stop", e);
        }
        closeQuietly(postgres);
    }

    /** Starts the server again on its data directory and port, after {@link #shutDown}. */
    public void restart() {
        postgres = start(dataDirectory, port, config);
    }

    /** The server of this JVM, started on the first call. */
    public static PostgresServer shared() {
        synchronized (LOCK) {
            if (shared == null) {
                try {
                    shared = new PostgresServer(dataDirectory(), java.util.Map.of());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot make a data directory for PostgreSQL", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stopAndDelete, "postgres-server-stop"));
            }
            return shared;
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port, java.util.Map<String, String> config) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != 0) {
                builder.setPort(port);
            }
            builder
                    // zonky waits 10 s by default; initdb plus start takes longer on a loaded 2-core machine
                    .setPGStartupWait(java.time.Duration.ofSeconds(120))
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("log_min_messages", "fatal")
                    // a throwaway server: durability only costs time (CREATE DATABASE syncs every file it copies)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    // autovacuum visits new databases, and CREATE DATABASE waits in 100 ms steps for it to leave
                    .setServerConfig("autovacuum", "off");
            config.forEach(builder::setServerConfig); // the caller's settings win
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    /**
     * A new directory in memory (/dev/shm) where there is one: the server writes every database it creates
     * in full, and on a disk that is most of the time a test spends. Else the system's temporary directory.
     */
    private static Path dataDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(parent, "statekeeper-pg-");
    }

    public int port() {
        return port;
    }

    /**
     * Creates a login role that must give its password (scram-sha-256 from localhost, while the superuser
     * keeps trust), allowed {@code connectionLimit} connections at once; returns once the server enforces it.
     */
    public void createPasswordRole(String role, String password, int connectionLimit) {
        execute("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "' CONNECTION LIMIT " + connectionLimit);
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            String rules = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role + " ::1/128 scram-sha-256\n";
            synchronized (LOCK) {
                Files.writeString(hba, rules + Files.readString(hba));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + hba, e);
        }
        execute("postgres", "SELECT pg_reload_conf()");
        awaitPasswordChecked(role);
    }

    /** The postmaster applies a reload asynchronously: try a wrong password until it is refused (bounded). */
    private void awaitPasswordChecked(String role) {
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                DriverManager.getConnection(jdbcUrl("postgres"), role, "not-the-password").close();
            } catch (SQLException refused) {
                if ("28P01".equals(refused.getSQLState())) {
                    return;
                }
                throw new IllegalStateException("unexpected failure while checking " + role, refused);
            }
        }
        throw new IllegalStateException("the server did not start checking the password of " + role);
    }

    /** A DATABASE_URL as Statekeeper reads it: {@code postgresql://postgres@localhost:PORT/DATABASE}. */
    public String url(String database) {
        return "postgresql://" + USER + "@localhost:" + port() + "/" + database;
    }

    /** The JDBC form of {@link #url}, for raw connections beside the store. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A superuser connection to the database, auto-commit on. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates a new, empty database (a copy of template1) and returns its name. */
    public String createDatabase() {
        return createDatabase("template1");
    }

    /**
     * Creates a new database copied from {@code template} and returns its name. Nothing may be connected to
     * the template meanwhile, so copies are made one at a time.
     */
    public String createDatabase(String template) {
        String name = "sk_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        synchronized (LOCK) {
            execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + template + " STRATEGY FILE_COPY");
        }
        return name;
    }

    /** Runs one statement as the superuser on the database. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server and deletes its data. zonky's own shutdown hook may be stopping it at the same moment, so
     * this waits for the postmaster to be gone before deleting, or the postmaster's last writes (pg_stat) would
     * land in a directory already deleted and leave it behind.
     */
    private void stopAndDelete() {
        java.util.Optional<ProcessHandle> postmaster = postmaster();
        closeQuietly(postgres);
        postmaster.ifPresent(p -> {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // delete what can be deleted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; the directory is a temporary one
        }
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        try {
            return ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // not running
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // already stopped (shut down by a test), or the JVM is exiting
        }
    }
}
