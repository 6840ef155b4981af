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
import java.util.Map;

/**
 * Moving a store into PostgreSQL as a user does it, each command the CLI jar in its own process under
 * {@code /usr/bin/time} (wall time, peak resident memory): {@code db copy} from a SQLite file, {@code db import} of
 * that file's export, {@code db restore} of its backup, each into a fresh database of the embedded PostgreSQL 16
 * (and the import into a fresh SQLite store too), next to pgloader migrating the same SQLite file into another database of the same server. Sizes are given in
 * loops, each with one feedback entry: N loops are N export records and 2N rows. The file is filled with plain SQL
 * on a file the store created (so it has the store's schema and is what the store would hold); the export and
 * the backup are made by the CLI and not timed. Usage: {@code CopyBench CLI_JAR N [N ...]}.
 */
public final class CopyBench {
    private CopyBench() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        PostgresServer server = PostgresServer.shared();
        boolean pgloader = Files.isExecutable(Path.of("/usr/bin/pgloader"));
        System.out.println("loops | rows | what | s | rows/s | records/s | peak RSS MB");
        for (int i = 1; i < args.length; i++) {
            int loops = Integer.parseInt(args[i]);
            Path dir = TempDirs.create();
            try {
                fill(dir, loops);
                Path export = dir.resolve("export.jsonl");
                Path backups = dir.resolve("backups");
                cli(jar, dir, Map.of(), "db", "export", "--output", export.toString());
                cli(jar, dir, Map.of(), "db", "backup", "--output", backups.toString());
                Path backup;
                try (var list = Files.list(backups)) {
                    backup = list.findFirst().orElseThrow();
                }
                print(loops, "db copy", cli(jar, dir, Map.of(), "db", "copy", "--to",
                        server.url(server.createDatabase())));
                print(loops, "db import", cli(jar, dir, postgres(server), "db", "import", export.toString()));
                print(loops, "db restore", cli(jar, dir, postgres(server), "db", "restore", backup.toString()));
                Path fresh = Files.createDirectory(dir.resolve("sqlite-target"));
                print(loops, "db import into SQLite", cli(jar, dir, Map.of("STATEKEEPER_DATA_DIR", fresh.toString()),
                        "db", "import", export.toString()));
                if (pgloader) {
                    print(loops, "pgloader", run(List.of("pgloader", "--quiet", "sqlite://" + dir.resolve("state.db"),
                            "postgresql://" + PostgresServer.USER + "@localhost:" + server.port() + "/"
                                    + server.createDatabase()), dir, Map.of()));
                }
            } finally {
                TempDirs.delete(dir);
            }
        }
    }

    private record Run(double seconds, double peakMb) {
    }

    private static void print(int loops, String what, Run run) {
        System.out.println(String.format(Locale.ROOT, "%,d | %,d | %s | %.1f | %,.0f | %,.0f | %.0f", loops, 2L * loops,
                what, run.seconds, 2L * loops / run.seconds, loops / run.seconds, run.peakMb));
    }

    private static Map<String, String> postgres(PostgresServer server) {
        return Map.of("STATEKEEPER_BACKEND", "postgres", "DATABASE_URL", server.url(server.createDatabase()));
    }

    private static Run cli(String jar, Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        // the flags the launcher gives these commands: the JVM's compilers, the serial GC
        List<String> line = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar));
        line.addAll(List.of(command));
        return run(line, dir, env);
    }

    private static Run run(List<String> command, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", dir.resolve("time.txt").toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("STATEKEEPER_BACKEND", "sqlite");
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().putAll(env);
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
