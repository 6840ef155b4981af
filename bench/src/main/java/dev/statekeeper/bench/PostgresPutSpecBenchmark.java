package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.domain.Specs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.util.PGobject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL: storing a new spec ({@code putSpec} of a new title, a complete ~770-byte document). The
 * baseline runs the store's two statements in one transaction: INSERT {@code technical_specs} ... ON
 * CONFLICT DO NOTHING RETURNING id, INSERT {@code spec_revisions}; the JSONB document is built once in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresPutSpecBenchmark {
    private PgDatabase db;
    private int n;
    private PGobject document;
    private PreparedStatement insertSpec;
    private PreparedStatement insertRevision;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = PgDatabase.create();
        document = PgDatabase.jsonb(Specs.forFirstStore(Samples.PROJECT, Samples.spec("Spec number 0", 0)));
        insertSpec = db.jdbc().prepare("""
                INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content,
                    created_at, updated_at)
                VALUES (?, ?, ?, 0, 1, ?, ?, ?) ON CONFLICT (project_name, spec_name) DO NOTHING RETURNING id""");
        insertRevision = db.jdbc().prepare(
                "INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at) VALUES (?, 1, 0, ?, ?)");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    @Benchmark
    public Spec statekeeper() {
        int i = ++n;
        return db.store().putSpec(Samples.PROJECT, Samples.spec("Spec number " + i, i));
    }

    @Benchmark
    public long jdbc() throws SQLException {
        String name = SpecName.normalize("Spec number " + ++n);
        OffsetDateTime now = PgDatabase.timestamptz(Instant.now());
        return db.jdbc().inWriteTransaction(() -> {
            long id;
            insertSpec.setString(1, Samples.PROJECT);
            insertSpec.setString(2, name);
            insertSpec.setString(3, SpecStatus.DRAFT.wire());
            insertSpec.setObject(4, document);
            insertSpec.setObject(5, now);
            insertSpec.setObject(6, now);
            try (ResultSet row = insertSpec.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("spec " + name + " exists");
                }
                id = row.getLong(1);
            }
            insertRevision.setLong(1, id);
            insertRevision.setObject(2, document);
            insertRevision.setObject(3, now);
            insertRevision.executeUpdate();
            return id;
        });
    }
}
