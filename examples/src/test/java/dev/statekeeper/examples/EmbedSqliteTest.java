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
 * creates and migrates the file) and closing it print nothing else: no lines from Flyway, HikariCP or sqlite-jdbc.
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

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "backend: sqlite",
                "loop spec: refine at iteration 2, score 80 of 85",
                "spec: payment-gateway (Payment Gateway), version 1");
    }
}
