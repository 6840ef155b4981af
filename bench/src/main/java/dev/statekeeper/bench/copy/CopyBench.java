package dev.statekeeper.bench.copy;

import dev.statekeeper.bench.SqliteLoops;
import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code statekeeper db copy} from SQLite to PostgreSQL, as a user runs it (the CLI jar in its own process, under
 * {@code /usr/bin/time} for wall time and peak resident memory), next to pgloader migrating the same SQLite file
 * into another database of the same server. Sizes are given in loops, each with one feedback entry: N loops are
 * N export records and 2N rows. The file is filled with plain SQL on a file the store created (so it has the
 * store's schema and is what the store would hold). Usage: {@code CopyBench CLI_JAR N [N ...]}.
 */
public final class CopyBench {
    private CopyBench() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        PostgresServer server = PostgresServer.shared();
        System.out.println("loops | rows | statekeeper s | rows/s | peak RSS MB | pgloader s | rows/s | peak RSS MB");
        for (int i = 1; i < args.length; i++) {
            int loops = Integer.parseInt(args[i]);
            Path dir = TempDirs.create();
            try {
                fill(dir, loops);
                long rows = 2L * loops;
                Run copy = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", jar, "db", "copy",
                        "--to", server.url(server.createDatabase())), dir);
                Run loader = Files.isExecutable(Path.of("/usr/bin/pgloader"))
                        ? run(List.of("pgloader", "--quiet", "sqlite://" + dir.resolve("state.db"),
                                "postgresql://" + PostgresServer.USER + "@localhost:" + server.port() + "/"
                                        + server.createDatabase()), dir)
                        : null;
                System.out.println(String.format(Locale.ROOT, "%,d | %,d | %.1f | %,.0f | %.0f | %s | %s | %s", loops, rows,
                        copy.seconds, rows / copy.seconds, copy.peakMb,
                        loader == null ? "-" : String.format(Locale.ROOT, "%.1f", loader.seconds),
                        loader == null ? "-" : String.format(Locale.ROOT, "%,.0f", rows / loader.seconds),
                        loader == null ? "-" : String.format(Locale.ROOT, "%.0f", loader.peakMb)));
            } finally {
                TempDirs.delete(dir);
            }
        }
    }

    private record Run(double seconds, double peakMb) {
    }

    private static Run run(List<String> command, Path dir) throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", dir.resolve("time.txt").toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("STATEKEEPER_BACKEND", "sqlite");
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command.getFirst() + " failed with exit " + exit + ":\n"
                    + Files.readString(dir.resolve("out.txt")));
        }
        String[] time = Files.readAllLines(dir.resolve("time.txt")).getLast().trim().split(" ");
        return new Run(Double.parseDouble(time[0]), Long.parseLong(time[1]) / 1024.0);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** N loops in progress with one feedback entry each, written with plain SQL into a file the store created. */
    private static void fill(Path dir, int loops) throws SQLException {
        TempDirs.openSqlite(dir).close();
        SqliteLoops.fill(dir.resolve("state.db"), loops);
    }
}
