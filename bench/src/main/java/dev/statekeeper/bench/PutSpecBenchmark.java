package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.internal.domain.Specs;
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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Storing a spec with {@code putSpec}, on SQLite and on PostgreSQL: a new title each time ({@code create*}),
 * or the same title again with changed free fields, which updates the spec and adds a revision
 * ({@code update*}). The document has every field set (about 800 bytes of JSON). The baselines run the same INSERTs/UPDATEs in one transaction with a
 * document serialized once in setup: no validation, no merge, no JSON per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PutSpecBenchmark {
    private static final String UPDATED_TITLE = "Payment Gateway Service";

    @Param({"sqlite", "postgres"})
    public String backend;

    private BenchBackend db;
    private int n;
    private String updatedName;
    private Object documentJson;
    private PreparedStatement insertSpec;
    private PreparedStatement insertRevision;
    private PreparedStatement selectSpec;
    private PreparedStatement updateSpec;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchBackend.create(backend);
        updatedName = db.store().putSpec(Samples.PROJECT, Samples.spec(UPDATED_TITLE, 0)).name();
        db.settle();
        documentJson = db.json(Specs.forFirstStore(Samples.PROJECT, Samples.spec(UPDATED_TITLE, 0)));
        insertSpec = db.jdbc().prepare("""
                INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content,
                    created_at, updated_at)
                VALUES (?, ?, ?, 0, 1, ?, ?, ?) ON CONFLICT (project_name, spec_name) DO NOTHING RETURNING id""");
        insertRevision = db.jdbc().prepare(
                "INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at) VALUES (?, ?, ?, ?, ?)");
        selectSpec = db.jdbc().prepare("SELECT id, iteration, version FROM technical_specs "
                + "WHERE project_name = ? AND spec_name = ?" + db.forUpdate());
        updateSpec = db.jdbc().prepare("""
                UPDATE technical_specs SET spec_status = ?, iteration = ?, version = ?, content = ?, updated_at = ?
                WHERE id = ? AND version = ?""");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    @Benchmark
    public Spec createStatekeeper() {
        int i = ++n;
        return db.store().putSpec(Samples.PROJECT, Samples.spec("Spec number " + i, i));
    }

    @Benchmark
    public long createJdbc() throws SQLException {
        String name = SpecName.normalize("Spec number " + ++n);
        Object now = db.time(Instant.now());
        return db.jdbc().inWriteTransaction(() -> {
            long id;
            insertSpec.setString(1, Samples.PROJECT);
            insertSpec.setString(2, name);
            insertSpec.setString(3, SpecStatus.DRAFT.wire());
            insertSpec.setObject(4, documentJson);
            insertSpec.setObject(5, now);
            insertSpec.setObject(6, now);
            try (ResultSet row = insertSpec.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("spec " + name + " exists");
                }
                id = row.getLong(1);
            }
            addRevision(id, 1, 0, now);
            return id;
        });
    }

    @Benchmark
    public Spec updateStatekeeper() {
        return db.store().putSpec(Samples.PROJECT, Samples.spec(UPDATED_TITLE, ++n));
    }

    @Benchmark
    public long updateJdbc() throws SQLException {
        Object now = db.time(Instant.now());
        return db.jdbc().inWriteTransaction(() -> {
            long id;
            int iteration;
            long version;
            selectSpec.setString(1, Samples.PROJECT);
            selectSpec.setString(2, updatedName);
            try (ResultSet row = selectSpec.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no spec " + updatedName);
                }
                id = row.getLong(1);
                iteration = row.getInt(2);
                version = row.getLong(3);
            }
            updateSpec.setString(1, SpecStatus.DRAFT.wire());
            updateSpec.setInt(2, iteration + 1);
            updateSpec.setLong(3, version + 1);
            updateSpec.setObject(4, documentJson);
            updateSpec.setObject(5, now);
            updateSpec.setLong(6, id);
            updateSpec.setLong(7, version);
            if (updateSpec.executeUpdate() != 1) {
                throw new SQLException("spec " + updatedName + " changed concurrently");
            }
            addRevision(id, version + 1, iteration + 1, now);
            return version + 1;
        });
    }

    private void addRevision(long specId, long version, int iteration, Object now) throws SQLException {
        insertRevision.setLong(1, specId);
        insertRevision.setLong(2, version);
        insertRevision.setInt(3, iteration);
        insertRevision.setObject(4, documentJson);
        insertRevision.setObject(5, now);
        insertRevision.executeUpdate();
    }
}
