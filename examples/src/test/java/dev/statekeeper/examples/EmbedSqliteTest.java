package dev.statekeeper.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's embedding example as an embedder would, with a plain slf4j binding at INFO on the class path
 * (src/test/resources/simplelogger.properties): the program prints its summary, and opening the store (which
 * creates and migrates the file) prints no start-up lines from Flyway or sqlite-jdbc.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class EmbedSqliteTest {

    @Test
    void mainPrintsItsSummaryAndTheLibrariesStayQuietAtInfo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            EmbedSqlite.main(new String[0]);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }

        // HikariCP's pool start and stop lines ("statekeeper-sqlite-writer - Starting...") are not Flyway's or
        // sqlite-jdbc's and are left to a separate change: everything else on the console is the program's.
        assertThat(err.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("INFO com.zaxxer.hikari.")))
                .isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "backend: sqlite",
                "loop spec: refine at iteration 2, score 80 of 85",
                "spec: payment-gateway (Payment Gateway), version 1");
    }
}
