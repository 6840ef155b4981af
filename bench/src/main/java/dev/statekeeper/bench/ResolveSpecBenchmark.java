package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.internal.domain.SpecResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resolving a partial spec name among the {@value #SPECS} specs of one project, by the tier that decides:
 * {@code exact} ("Delta Ledger Daemon"), {@code prefix} ("delta ledger d") or {@code fuzzy} ("dleta ledge
 * daemon", a typo that no name contains). 100 different targets are queried in turn; setup checks that
 * each query resolves to its target. The baseline reads the project's names with one prepared statement,
 * runs the same {@link SpecResolver} and reads the chosen spec's row: it differs from the store only in data
 * access and mapping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ResolveSpecBenchmark {
    static final int SPECS = 1_000;
    private static final int TARGETS = 100;
    static final String[] FIRST = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliet"};
    static final String[] SECOND = {"billing", "catalog", "gateway", "identity", "ledger", "mailer",
            "notifier", "payments", "search", "storage"};
    /** Distinct first letters, so that "first second x" is the prefix of exactly one name. */
    static final String[] THIRD = {"adapter", "broker", "cache", "daemon", "exporter", "frontend", "guard",
            "hub", "indexer", "journal"};

    @Param({"exact", "prefix", "fuzzy"})
    public String match;

    private BenchDatabase db;
    private String[] queries;
    private int next;
    private PreparedStatement selectNames;
    private PreparedStatement selectSpec;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchDatabase.create();
        for (int i = 0; i < SPECS; i++) {
            db.store().putSpec(Samples.PROJECT, Samples.spec(title(i), i));
        }
        List<String> list = new ArrayList<>();
        for (int k = 0; k < TARGETS; k++) {
            int target = k * 7 % SPECS;
            String query = query(target);
            String resolved = db.store().resolveSpec(Samples.PROJECT, query).name();
            if (!resolved.equals(SpecName.normalize(title(target)))) {
                throw new IllegalStateException("'" + query + "' resolves to " + resolved + ", not to " + title(target));
            }
            list.add(query);
        }
        queries = list.toArray(String[]::new);
        selectNames = db.jdbc().prepare("SELECT spec_name FROM technical_specs WHERE project_name = ? ORDER BY id");
        selectSpec = db.jdbc().prepare("""
                SELECT id, project_name, spec_name, iteration, version, content, created_at, updated_at
                FROM technical_specs WHERE project_name = ? AND spec_name = ?""");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    private static String title(int i) {
        return cap(FIRST[i / 100]) + " " + cap(SECOND[i / 10 % 10]) + " " + cap(THIRD[i % 10]);
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private String query(int i) {
        String first = FIRST[i / 100];
        String second = SECOND[i / 10 % 10];
        String third = THIRD[i % 10];
        return switch (match) {
            case "exact" -> title(i);
            case "prefix" -> first + " " + second + " " + third.charAt(0);
            case "fuzzy" -> first.charAt(0) + "" + first.charAt(2) + first.charAt(1) + first.substring(3) + " "
                    + second.substring(0, second.length() - 1) + " " + third;
            default -> throw new IllegalArgumentException("match must be exact, prefix or fuzzy: " + match);
        };
    }

    private String nextQuery() {
        String query = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return query;
    }

    @Benchmark
    public Spec statekeeper() {
        return db.store().resolveSpec(Samples.PROJECT, nextQuery());
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws SQLException {
        String query = nextQuery();
        List<String> names = new ArrayList<>(SPECS);
        selectNames.setString(1, Samples.PROJECT);
        try (ResultSet rows = selectNames.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        String name = SpecResolver.resolve(Samples.PROJECT, query, names);
        selectSpec.setString(1, Samples.PROJECT);
        selectSpec.setString(2, name);
        try (ResultSet row = selectSpec.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("no spec " + name);
            }
            bh.consume(row.getLong(1));
            bh.consume(row.getString(2));
            bh.consume(row.getString(3));
            bh.consume(row.getInt(4));
            bh.consume(row.getLong(5));
            bh.consume(row.getString(6));
            bh.consume(row.getLong(7));
            bh.consume(row.getLong(8));
        }
    }
}
