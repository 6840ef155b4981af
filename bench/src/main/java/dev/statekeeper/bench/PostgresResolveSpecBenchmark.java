package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.internal.domain.SpecResolver;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.internal.domain.Specs;
import dev.statekeeper.jdbc.postgres.PostgresStateStore;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL: resolving a misspelt spec name among the {@value #SPECS} specs of one project (fuzzy, the tier
 * the server ranks with pg_trgm's {@code similarity()}). Names are four words, e.g. "Delta Ledger Daemon
 * North"; the query for it is "delt ledge daemon north", which no name contains (a letter swap as in
 * {@link ResolveSpecBenchmark} would make short first words such as "echo" ambiguous: pg_trgm compares word
 * trigrams, and "ehco" keeps none that the other words do not have). 100 targets are queried in
 * turn; setup checks that each query resolves to its target. The specs are written in batches (the rows
 * putSpec writes: the spec and its first revision), then VACUUM ANALYZE. The baseline runs the store's four
 * statements in auto-commit: the exact name (a miss), the LIKE of the substring tier (empty), the names
 * found by pg_trgm's {@code %} (the index) with their similarity, then, after the same {@link SpecResolver#fuzzy}, the chosen spec's row.
 *
 * <p>{@code specs} is the size of the whole store: with {@code 1000000}, 99 more projects hold copies of the
 * same {@value #SPECS} specs (990,000 rows, copied by the server; their first revisions are not written, resolve
 * does not read them). The trigram index covers the names of every project, so this is its worst case: each
 * query's candidates come from all 100 projects before the project filter keeps one in a hundred. The index
 * is dropped during the copy and created again after it, as a bulk load would do; it ends up as the migration
 * defines it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresResolveSpecBenchmark {
    static final int SPECS = 10_000;
    private static final int TARGETS = 100;
    // the first three words of a name are ResolveSpecBenchmark's; a fourth makes 10,000 distinct names
    private static final String[] FOURTH = {"north", "south", "east", "west", "upper", "lower", "inner", "outer",
            "prime", "spare"};
    private static final String COLUMNS = "s.id, s.project_name, s.spec_name, s.iteration, s.version, s.content, "
            + "s.created_at, s.updated_at";

    @Param({"10000", "1000000"})
    public int specs;

    private PgDatabase db;
    private String[] queries;
    private int next;
    private PreparedStatement selectSpec;
    private PreparedStatement selectContaining;
    private PreparedStatement selectSimilar;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = PgDatabase.create(null, false); // the bare store, which says whether it ranks with pg_trgm
        if (!((PostgresStateStore) db.store()).usesTrigramIndex()) {
            throw new IllegalStateException("pg_trgm is not installed: the store would rank names in Java");
        }
        prefill();
        List<String> list = new ArrayList<>();
        for (int k = 0; k < TARGETS; k++) {
            int target = k * 97 % SPECS;
            String query = query(target);
            String resolved = db.store().resolveSpec(Samples.PROJECT, query).name();
            if (!resolved.equals(SpecName.normalize(title(target)))) {
                throw new IllegalStateException("'" + query + "' resolves to " + resolved + ", not to " + title(target));
            }
            list.add(query);
        }
        queries = list.toArray(String[]::new);
        String similarity = "\"public\".similarity";
        selectSpec = db.jdbc().prepare("SELECT " + COLUMNS
                + " FROM technical_specs s WHERE s.project_name = ? AND s.spec_name = ?");
        selectContaining = db.jdbc().prepare("SELECT spec_name FROM technical_specs WHERE project_name = ? "
                + "AND spec_name LIKE '%' || ? || '%' ORDER BY id");
        selectSimilar = db.jdbc().prepare("SELECT spec_name, " + similarity + "(spec_name, ?) AS score "
                + "FROM technical_specs WHERE project_name = ? AND spec_name OPERATOR(\"public\".%) ? AND "
                + similarity + "(spec_name, ?) >= ?");
    }

    private void prefill() throws SQLException {
        try (PlainJdbc c = db.connect()) {
            PreparedStatement insert = c.prepare("""
                    INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content,
                        created_at, updated_at)
                    VALUES (?, ?, ?, 0, 1, ?, ?, ?)""");
            OffsetDateTime now = PgDatabase.timestamptz(Instant.now());
            c.inWriteTransaction(() -> {
                for (int i = 0; i < SPECS; i++) {
                    insert.setString(1, Samples.PROJECT);
                    insert.setString(2, SpecName.normalize(title(i)));
                    insert.setString(3, SpecStatus.DRAFT.wire());
                    insert.setObject(4, PgDatabase.jsonb(Specs.forFirstStore(Samples.PROJECT, Samples.spec(title(i), i))));
                    insert.setObject(5, now);
                    insert.setObject(6, now);
                    insert.addBatch();
                    if (i % 500 == 499) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                return c.prepare("""
                        INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at)
                        SELECT id, version, iteration, content, updated_at FROM technical_specs""").executeUpdate();
            });
            if (specs > SPECS) {
                copyToOtherProjects(c, specs / SPECS - 1);
            }
        }
        db.vacuumAnalyze();
    }

    private static void copyToOtherProjects(PlainJdbc c, int projects) throws SQLException {
        c.prepare("DROP INDEX idx_specs_project_name_search").execute();
        PreparedStatement copy = c.prepare("""
                INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content,
                    created_at, updated_at)
                SELECT ? || '-' || p, spec_name, spec_status, iteration, version, content, created_at, updated_at
                FROM technical_specs CROSS JOIN generate_series(1, ?) p WHERE project_name = ?""");
        copy.setString(1, Samples.PROJECT);
        copy.setInt(2, projects);
        copy.setString(3, Samples.PROJECT);
        copy.executeUpdate();
        c.prepare("CREATE INDEX idx_specs_project_name_search ON technical_specs "
                + "USING gin (project_name, spec_name public.gin_trgm_ops)").execute();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    private static String title(int i) {
        return cap(ResolveSpecBenchmark.FIRST[i / 1000]) + " " + cap(ResolveSpecBenchmark.SECOND[i / 100 % 10]) + " " + cap(ResolveSpecBenchmark.THIRD[i / 10 % 10]) + " "
                + cap(FOURTH[i % 10]);
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** The first two words without their last letter, the rest as they are. */
    private static String query(int i) {
        String first = ResolveSpecBenchmark.FIRST[i / 1000];
        String second = ResolveSpecBenchmark.SECOND[i / 100 % 10];
        return first.substring(0, first.length() - 1) + " "
                + second.substring(0, second.length() - 1) + " " + ResolveSpecBenchmark.THIRD[i / 10 % 10] + " " + FOURTH[i % 10];
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
        String partial = nextQuery();
        String query = SpecResolver.normalizedQuery(partial);
        if (readSpec(query, bh)) {
            throw new SQLException("'" + query + "' is an exact name");
        }
        selectContaining.setString(1, Samples.PROJECT);
        selectContaining.setString(2, query);
        try (ResultSet rows = selectContaining.executeQuery()) {
            if (rows.next()) {
                throw new SQLException("a name contains '" + query + "'");
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        selectSimilar.setString(1, query);
        selectSimilar.setString(2, Samples.PROJECT);
        selectSimilar.setString(3, query);
        selectSimilar.setString(4, query);
        selectSimilar.setDouble(5, SpecResolver.MIN_SIMILARITY);
        try (ResultSet rows = selectSimilar.executeQuery()) {
            while (rows.next()) {
                scores.put(rows.getString(1), rows.getDouble(2));
            }
        }
        String name = SpecResolver.fuzzy(Samples.PROJECT, partial, scores);
        if (!readSpec(name, bh)) {
            throw new SQLException("no spec " + name);
        }
    }

    private boolean readSpec(String name, Blackhole bh) throws SQLException {
        selectSpec.setString(1, Samples.PROJECT);
        selectSpec.setString(2, name);
        try (ResultSet row = selectSpec.executeQuery()) {
            if (!row.next()) {
                return false;
            }
            bh.consume(row.getLong(1));
            bh.consume(row.getString(2));
            bh.consume(row.getString(3));
            bh.consume(row.getInt(4));
            bh.consume(row.getLong(5));
            bh.consume(row.getString(6));
            bh.consume(row.getObject(7, OffsetDateTime.class));
            bh.consume(row.getObject(8, OffsetDateTime.class));
            return true;
        }
    }
}
