package dev.statekeeper.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is what the modules export: a program on the module path that requires Statekeeper's modules
 * compiles against the API packages and does not compile against an internal package. Each case compiles a small
 * module of its own with the real javac against the very module path these tests run on.
 */
class ModuleBoundaryTest {
    @TempDir
    Path dir;

    @Test
    void theTestsRunOnTheModulePath() {
        assertThat(EmbedSqlite.class.getModule().getName()).isEqualTo("dev.statekeeper.examples");
        assertThat(ModuleLayer.boot().findModule("dev.statekeeper.sqlite")).isPresent();
    }

    @Test
    void aProgramThatUsesTheApiCompiles() throws IOException {
        assertThat(compile("import dev.statekeeper.core.api.StateStores;",
                "StateStores.class.getName()")).isEmpty();
    }

    @Test
    void aProgramThatImportsCoreInternalsDoesNotCompile() throws IOException {
        assertThat(compile("import dev.statekeeper.core.internal.io.AtomicFiles;", "AtomicFiles.class.getName()"))
                .containsExactly("package dev.statekeeper.core.internal.io is not visible\n"
                        + "  (package dev.statekeeper.core.internal.io is declared in module dev.statekeeper.core,"
                        + " which does not export it to module probe)");
    }

    @Test
    void aProgramThatImportsTheSqlBackendsInternalsDoesNotCompile() throws IOException {
        assertThat(compile("import dev.statekeeper.jdbc.internal.Transactor;", "Transactor.class.getName()"))
                .containsExactly("package dev.statekeeper.jdbc.internal is not visible\n"
                        + "  (package dev.statekeeper.jdbc.internal is declared in module dev.statekeeper.jdbc,"
                        + " which does not export it to module probe)");
    }

    /** Compiles module {@code probe} (requires the SQLite module, hence core and jdbc); returns javac's errors. */
    private List<String> compile(String importLine, String expression) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/probe"));
        Files.writeString(src.resolve("module-info.java"), "module probe { requires dev.statekeeper.sqlite; }\n");
        Files.writeString(src.resolve("Probe.java"), "package probe;\n" + importLine + "\n"
                + "public class Probe { public static String name() { return " + expression + "; } }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--module-path", System.getProperty("jdk.module.path"),
                    "-d", Files.createDirectories(dir.resolve("out")).toString());
            javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("Probe.java"))).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT))
                .toList();
    }
}
