package dev.statekeeper.bench.doctor;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.common.CommonChecks;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code statekeeper doctor} and {@code healthcheck} (the cheap checks) on stores of N loops, each with one feedback
 * entry, in process, as the CLI runs them ({@code Doctor.run}) after a first, cold run. For each backend and N: the
 * duration of the first run, of R full runs and R healthchecks (median, min-max), of every check (the backend's own
 * checks timed inside the full runs; the common ones in runs of their own, less the connection), and the statements
 * sent: on the doctor's own connection (counted by a wrapping JDBC connection) and, for PostgreSQL, as the server's
 * pg_stat_statements counted them in the store's database (the migrations check's own connection included).
 * Usage: {@code DoctorBench REPEATS N [N ...]}; {@code -Dbackends=sqlite,postgres} picks the backends.
 */
public final class DoctorBench {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String INTEGRITY = "integrity";

    private DoctorBench() {
    }

    private record Run(DoctorReport report, double ms, Map<String, TimedBackend.Sample> samples, OptionalLong server) {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        for (String backend : System.getProperty("backends", "sqlite,postgres").split(",")) {
            Map<Integer, Measured> byN = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                int loops = Integer.parseInt(args[i]);
                long start = System.nanoTime();
                try (Fixture fixture = backend.equals("postgres") ? PgFixture.create(loops) : SqliteFixture.create(loops)) {
                    System.err.printf(Locale.ROOT, "%s: %,d loops filled in %.1f s%n", backend, loops,
                            (System.nanoTime() - start) / 1e9);
                    byN.put(loops, measure(fixture, TimedBackend.of(backend), repeats));
                }
            }
            print(backend, repeats, byN);
        }
        System.exit(0); // the private PostgreSQL server stops in the shutdown hook
    }

    private static Measured measure(Fixture fixture, TimedBackend<?> backend, int repeats) throws SQLException {
        Settings settings = fixture.settings();
        Measured m = new Measured();
        Run first = run(fixture, backend, settings, Selection.all());
        m.firstMs = first.ms;
        System.err.println("  the store: " + first.report.check(Connected.ID).map(c -> c.evidence().toString()).orElse("?"));
        System.err.println("  its backup: " + first.report.check("backup-integrity").map(c -> c.evidence().toString())
                .orElse("?"));
        Run connectOnly = run(fixture, backend, settings, Selection.of(List.of(Connected.ID)));
        connectOnly.server.ifPresent(n -> m.checkStatements.put(Connected.ID, n));
        for (int r = 0; r < repeats; r++) {
            Run full = run(fixture, backend, settings, Selection.all());
            m.fullMs.add(full.ms);
            m.lastFull = full.report;
            m.fullHandleStatements = 0;
            full.samples.forEach((id, s) -> {
                m.addCheck(id, s.nanos() / 1e6);
                if (s.statements() >= 0) {
                    m.checkStatements.put(id, s.statements());
                    m.fullHandleStatements += s.statements();
                }
            });
            m.fullServerStatements = full.server.isPresent() ? full.server.getAsLong() : null;
            Run health = run(fixture, backend, settings, Selection.cheap());
            m.healthMs.add(health.ms);
            m.healthHandleStatements = health.samples.values().stream().mapToLong(s -> Math.max(0, s.statements())).sum();
            m.healthServerStatements = health.server.isPresent() ? health.server.getAsLong() : null;
            if (backend.backend().equals("sqlite")) {
                // named, the integrity check runs the full integrity_check instead of quick_check
                Run named = run(fixture, backend, settings, Selection.of(List.of(INTEGRITY)));
                m.addCheck(INTEGRITY + " (--check integrity: integrity_check)", named.samples.get(INTEGRITY).nanos() / 1e6);
            }
            for (Check<Object> common : CommonChecks.all()) {
                Run one = run(fixture, backend, settings, Selection.of(List.of(common.id())));
                m.addCheck(common.id(), one.ms - one.samples.get(Connected.ID).nanos() / 1e6);
                if (one.server.isPresent() && connectOnly.server.isPresent()) {
                    m.checkStatements.put(common.id(), one.server.getAsLong() - connectOnly.server.getAsLong());
                }
            }
        }
        return m;
    }

    private static Run run(Fixture fixture, TimedBackend<?> backend, Settings settings, Selection selection)
            throws SQLException {
        backend.take();
        fixture.startCounting();
        long start = System.nanoTime();
        DoctorReport report = Doctor.run(backend, settings, CLOCK, selection);
        double ms = (System.nanoTime() - start) / 1e6;
        return new Run(report, ms, backend.take(), fixture.counted());
    }

    private static void print(String backend, int repeats, Map<Integer, Measured> byN) {
        List<Integer> ns = List.copyOf(byN.keySet());
        Measured any = byN.values().iterator().next();
        System.out.println();
        System.out.println("### " + backend + " (ms: median (min-max) of " + repeats + " runs)");
        System.out.println();
        StringBuilder head = new StringBuilder("| | ");
        StringBuilder rule = new StringBuilder("|---|");
        for (int n : ns) {
            head.append(String.format(Locale.ROOT, "N = %,d | ", n));
            rule.append("---:|");
        }
        System.out.println(head.toString().trim());
        System.out.println(rule);
        row("full doctor, first run in the JVM (ms)", ns, n -> Measured.ms(byN.get(n).firstMs));
        row("full doctor (ms)", ns, n -> Measured.spread(byN.get(n).fullMs));
        row("healthcheck (ms)", ns, n -> Measured.spread(byN.get(n).healthMs));
        row("statements, full doctor: doctor's connection / server", ns, n -> byN.get(n).fullHandleStatements + " / "
                + orDash(byN.get(n).fullServerStatements));
        row("statements, healthcheck: doctor's connection / server", ns, n -> byN.get(n).healthHandleStatements + " / "
                + orDash(byN.get(n).healthServerStatements));
        System.out.println();
        Map<String, Boolean> cheap = cheapness(backend);
        StringBuilder checkHead = new StringBuilder("| check | cheap | ");
        StringBuilder checkRule = new StringBuilder("|---|---|");
        for (int n : ns) {
            checkHead.append(String.format(Locale.ROOT, "ms, N = %,d | ", n));
            checkRule.append("---:|");
        }
        System.out.println(checkHead + "statements | status at N = " + String.format(Locale.ROOT, "%,d", ns.getLast()) + " |");
        System.out.println(checkRule + "---:|---|");
        Measured last = byN.get(ns.getLast());
        for (String id : any.checkMs.keySet()) {
            StringBuilder line = new StringBuilder("| " + id + " | " + (id.equals(Connected.ID) ? "yes"
                    : cheap.getOrDefault(id, false) ? "yes" : "no") + " | ");
            for (int n : ns) {
                line.append(Measured.spread(byN.get(n).checkMs.get(id))).append(" | ");
            }
            Long statements = last.checkStatements.get(id);
            System.out.println(line + (statements == null ? "-" : statements.toString()) + " | " + last.status(id) + " |");
        }
        System.out.println();
        last.lastFull.atLeast(Severity.P3).forEach(f -> System.out.println("- finding " + f.id() + " " + f.severity()
                + ": " + f.message()));
    }

    private static Map<String, Boolean> cheapness(String backend) {
        Map<String, Boolean> cheap = new LinkedHashMap<>();
        TimedBackend.of(backend).checks().forEach(c -> cheap.put(c.id(), c.cheap()));
        CommonChecks.all().forEach(c -> cheap.put(c.id(), c.cheap()));
        return cheap;
    }

    private static void row(String name, List<Integer> ns, java.util.function.IntFunction<String> cell) {
        StringBuilder line = new StringBuilder("| " + name + " | ");
        for (int n : ns) {
            line.append(cell.apply(n)).append(" | ");
        }
        System.out.println(line.toString().trim());
    }

    private static String orDash(Long value) {
        return value == null ? "-" : value.toString();
    }
}
