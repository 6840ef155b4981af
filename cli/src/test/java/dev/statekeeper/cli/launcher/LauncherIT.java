package dev.statekeeper.cli.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code ./statekeeper} launcher as users and agents start it: the real script, the real jar of this build,
 * copied into an install directory of its own (a prebuilt install: no sources, so nothing is rebuilt), with
 * {@code TMPDIR} and the working directory pointed at folders the test watches for JVM crash reports.
 *
 * <p>Runs after {@code package} (failsafe), on Linux and macOS shells; the checks that read {@code /proc} or
 * switch user are skipped where those are missing.
 */
class LauncherIT {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("statekeeper.source.root", "..")).toAbsolutePath();
    private static final Path BUILT_JAR = Path.of(System.getProperty("statekeeper.jar", "target/statekeeper.jar")).toAbsolutePath();

    @TempDir
    Path dir;
    private Path install;
    private Path launch;
    private Path lock;

    @BeforeEach
    void install() throws IOException {
        install = Files.createDirectories(dir.resolve("install"));
        Files.createDirectories(install.resolve(".mvn"));
        Files.createDirectories(install.resolve("cli/target"));
        Files.copy(SOURCE_ROOT.resolve("statekeeper"), install.resolve("statekeeper"));
        Files.copy(SOURCE_ROOT.resolve(".mvn/find-jdk.sh"), install.resolve(".mvn/find-jdk.sh"));
        Files.copy(BUILT_JAR, install.resolve("cli/target/statekeeper.jar"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("cwd"));
        launch = install.resolve("cli/target/launch");
        lock = install.resolve(".statekeeper-build.lock");
    }

    private ProcessBuilder launcher(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(install.resolve("statekeeper").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve("cwd").toFile());
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().put("TMPDIR", dir.resolve("tmp").toString());
        builder.environment().put("STATEKEEPER_BACKEND", "sqlite");
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.resolve("data-" + name).toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().remove("STATEKEEPER_CONFIG");
        builder.environment().remove("STATEKEEPER_JAVA_OPTS");
        // 32 JVMs starting at once make a first write take over a second, which the operation log rightly reports
        // on stderr as a slow operation; these tests are about the launcher's own output
        builder.environment().put("STATEKEEPER_SLOW_OPERATION_MS", "3600000");
        return builder;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result finish(Process process, Path stdout, Path stderr) throws Exception {
        // generous: 32 JVMs starting at once on a 2-core machine take a minute when it is busy
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private Process start(String name, String... args) throws IOException {
        return launcher(name, args).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private Result run(String name, String... args) throws Exception {
        return finish(start(name, args), dir.resolve(name + ".out"), dir.resolve(name + ".err"));
    }

    private List<Path> crashReports() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path where : List.of(install, dir.resolve("cwd"), dir.resolve("tmp"))) {
            try (Stream<Path> files = Files.list(where)) {
                files.filter(f -> f.getFileName().toString().contains("hs_err")).forEach(found::add);
            }
        }
        return found;
    }

    private List<Path> preparations() throws IOException {
        if (!Files.isDirectory(launch)) return List.of();
        try (Stream<Path> dirs = Files.list(launch)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("p")).sorted().toList();
        }
    }

    private Path publishedLibrary() throws IOException {
        String[] ready = Files.readString(launch.resolve("ready")).trim().split(" ");
        try (Stream<Path> files = Files.walk(launch.resolve(ready[0]))) {
            return files.filter(f -> f.getFileName().toString().startsWith("libsqlitejdbc")).findFirst().orElseThrow();
        }
    }

    /** The archive of the published preparation: JDK 25's AOT cache, or an earlier JDK's class-data archive. */
    private Path publishedArchive() throws IOException {
        String[] ready = Files.readString(launch.resolve("ready")).trim().split(" ");
        return launch.resolve(ready[0]).resolve(Runtime.version().feature() >= 25 ? "statekeeper.aot" : "statekeeper.jsa");
    }

    private static String archiveOption() {
        return Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    }

    /** The JDK as the ready file names it: its runtime version and home. */
    private static String thisJdk() {
        return System.getProperty("java.runtime.version") + "@" + Path.of(System.getProperty("java.home"));
    }

    @Test
    void thirtyTwoParallelStartsRightAfterABuildAllSucceedWithoutACrash() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            processes.add(start("p" + i, "loop", "create", "--project", "demo", "--type", "spec"));
        }
        for (int i = 0; i < 32; i++) {
            Result result = finish(processes.get(i), dir.resolve("p" + i + ".out"), dir.resolve("p" + i + ".err"));
            assertThat(result.exit()).as("start %d: %s", i, result.stderr()).isZero();
            assertThat(result.stdout()).as("start %d", i).matches("[a-z0-9]{8}\\n");
            assertThat(result.stderr()).as("start %d", i).isEmpty();
        }
        assertThat(crashReports()).isEmpty();
        assertThat(preparations()).hasSize(1);
        assertThat(Files.readString(launch.resolve("ready"))).isEqualTo(preparations().getFirst().getFileName() + " "
                + Files.size(publishedLibrary()) + " " + Files.size(publishedArchive()) + " " + thisJdk() + "\n");
        assertThat(lock).doesNotExist();

        // and every later start uses the one preparation, without preparing again
        Result again = run("again", "loop", "list");
        assertThat(again.exit()).isZero();
        assertThat(preparations()).hasSize(1);
    }

    @Test
    void aLauncherKilledWhilePreparingLeavesTheNextStartWorking() throws Exception {
        Process first = start("first", "--version");
        // kill -9 while it holds the lock, that is while it extracts and trains (a few seconds)
        Path pid = lock.resolve("pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(pid) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5); // polls for a file; asserts no timing
        }
        assumeTrue(first.isAlive(), "the first launcher finished before it could be killed");
        List<ProcessHandle> children = first.descendants().toList();
        first.destroyForcibly().waitFor();
        try {
            assertThat(lock).as("a kill -9 leaves the lock behind").exists();
            assertThat(Files.exists(launch.resolve("ready"))).as("nothing was published").isFalse();

            Result next = run("next", "loop", "list");
            assertThat(next.exit()).as(next.stderr()).isZero();
            assertThat(next.stdout()).isEqualTo("no loops\n");
            assertThat(next.stderr()).matches("statekeeper: taking over the lock of launcher process [0-9]+, which has ended\\n");
            assertThat(launch.resolve("ready")).exists();
            assertThat(lock).doesNotExist();
            assertThat(crashReports()).isEmpty();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aLockLeftWithoutAProcessIdIsTakenOverAfterAMinute() throws Exception {
        Files.createDirectories(lock);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(120)));

        Result result = run("next", "--version");
        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEqualTo("statekeeper: taking over the lock of launcher process (unknown), held for too long\n");
        assertThat(launch.resolve("ready")).exists();
        assertThat(lock).doesNotExist();
    }

    @Test
    void aLockJustTakenWhoseProcessIdIsNotYetWrittenIsLeftAlone() throws Exception {
        // the moment between a launcher's mkdir of the lock and its writing of the pid: once, a find -mmin +0 took
        // such a lock over at once (32 parallel starts on a loaded machine printed "taking over ... (unknown)")
        Files.createDirectories(lock);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(50)));

        Result result = run("fresh", "loop", "list");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(Files.exists(launch.resolve("ready"))).isFalse();
        assertThat(lock).exists();
    }

    @Test
    void aLiveLaunchersLockIsLeftAloneAndTheStartRunsUnpreparedInsteadOfWaiting() throws Exception {
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("pid"), ProcessHandle.current().pid() + "\n");

        Result result = run("unprepared", "loop", "list");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("no loops\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(Files.exists(launch.resolve("ready"))).isFalse();
        assertThat(lock.resolve("pid")).hasContent(ProcessHandle.current().pid() + "\n");
    }

    @Test
    void aStaleBuildLockOfAnEndedLauncherNoLongerHangsTheBuild() throws Exception {
        // sources newer than the jar make the launcher build; this install's "mvnw" stands in for Maven, and its
        // pom lists the one module whose sources the launcher then looks at
        Path pom = Files.writeString(install.resolve("pom.xml"), "<modules>\n    <module>cli</module>\n</modules>\n");
        Files.setLastModifiedTime(pom, FileTime.from(Instant.now().minusSeconds(120)));
        Path source = Files.createDirectories(install.resolve("cli/src/main/java")).resolve("Changed.java");
        Files.writeString(source, "class Changed {}\n");
        Files.setLastModifiedTime(install.resolve("cli/target/statekeeper.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Path mvnw = install.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho built >>\"$(dirname \"$0\")/builds\"\ntouch \"$(dirname \"$0\")/cli/target/statekeeper.jar\"\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("pid"), endedProcessId() + "\n");

        Result result = run("build", "--version");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("statekeeper ");
        assertThat(result.stderr()).contains("which has ended\n")
                .contains("statekeeper: building the CLI jar (first run, or the sources changed); this takes a minute...\n");
        assertThat(install.resolve("builds")).hasContent("built");
        assertThat(lock).doesNotExist();
    }

    @Test
    void mcpRunsTheJarItHasWhenTheSourcesAreNewerAndNeverBuildsNorWaitsForABuild() throws Exception {
        // as above: sources newer than the jar, a stand-in Maven that records being run, and a live build lock
        Path pom = Files.writeString(install.resolve("pom.xml"), "<modules>\n    <module>cli</module>\n</modules>\n");
        Files.setLastModifiedTime(pom, FileTime.from(Instant.now().minusSeconds(120)));
        Path source = Files.createDirectories(install.resolve("cli/src/main/java")).resolve("Changed.java");
        Files.writeString(source, "class Changed {}\n");
        Files.setLastModifiedTime(install.resolve("cli/target/statekeeper.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Path mvnw = install.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho built >>\"$(dirname \"$0\")/builds\"\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("pid"), ProcessHandle.current().pid() + "\n");

        Result result = run("mcp", "mcp", "--help");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("Usage: statekeeper mcp");
        assertThat(result.stderr()).isEqualTo("statekeeper: the sources are newer than the CLI jar: 'statekeeper mcp' runs "
                + "the jar as built;\n  rebuild it: ./mvnw package -pl cli -am -DskipTests (or run any other statekeeper "
                + "command)\n");
        assertThat(install.resolve("builds")).doesNotExist();
        assertThat(lock.resolve("pid")).hasContent(ProcessHandle.current().pid() + "\n");
    }

    @Test
    void mcpWithoutAJarSaysHowToBuildItAtOnce() throws Exception {
        Files.writeString(install.resolve("pom.xml"), "<modules>\n    <module>cli</module>\n</modules>\n");
        Files.delete(install.resolve("cli/target/statekeeper.jar"));
        Path mvnw = install.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho built >>\"$(dirname \"$0\")/builds\"\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run("mcp", "--data-dir", dir.resolve("d").toString(), "mcp");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("statekeeper: the CLI jar is not built, and 'statekeeper mcp' does not build "
                + "it (an MCP client would time out);\n  build it once: ./mvnw package -pl cli -am -DskipTests (or run any "
                + "other statekeeper command)\n");
        assertThat(install.resolve("builds")).doesNotExist();
    }

    @Test
    void aTruncatedLibraryIsNeverLoadedAndNeverRewrittenInPlace() throws Exception {
        assertThat(run("prepare", "--version").exit()).isZero();
        Path library = publishedLibrary();
        long size = Files.size(library);
        try (var channel = Files.newByteChannel(library, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size / 3);
        }

        Result result = run("after", "loop", "create", "--project", "demo", "--type", "spec");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(crashReports()).isEmpty();
        assertThat(publishedLibrary()).isNotEqualTo(library).hasSize(size);
        assertThat(library).as("the damaged file is another directory's, left as it was").hasSize(size / 3);
    }

    @Test
    void anInterruptedExtractionIsNeverPublished() throws Exception {
        // what a kill or a full disk during extraction leaves: a preparation directory with part of the library
        Path partial = Files.createDirectories(launch.resolve("p1.1/native/org/sqlite/native/Linux/x86_64"))
                .resolve("libsqlitejdbc.so");
        Files.write(partial, new byte[4096]);

        Result result = run("after", "loop", "list");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(crashReports()).isEmpty();
        assertThat(publishedLibrary()).isNotEqualTo(partial);
        assertThat(launch.resolve("p1.1")).as("left-overs are removed by the next preparation").doesNotExist();
    }

    @Test
    void anArchiveRecordedByAnotherJdkIsRecordedAgainForThisOne() throws Exception {
        // an install prepared with another JDK (JAVA_HOME changed since): its archive would be refused by this JVM
        assertThat(run("prepare", "--version").exit()).isZero();
        Path first = preparations().getFirst();
        String[] ready = Files.readString(launch.resolve("ready")).trim().split(" ");
        Files.writeString(launch.resolve("ready"), ready[0] + " " + ready[1] + " " + ready[2] + " 21.0.9+10-LTS@/opt/jdk-21\n");

        Result result = run("after", "loop", "list");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("no loops\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(Files.readString(launch.resolve("ready"))).endsWith(" " + thisJdk() + "\n");
        assertThat(preparations()).as("a new preparation, the replaced one kept for JVMs that may still map it")
                .hasSize(2).contains(first);
        assertThat(crashReports()).isEmpty();
    }

    @Test
    void aDamagedArchiveOfTheRightSizeIsRefusedByTheJvmWithoutACrash() throws Exception {
        assertThat(run("prepare", "--version").exit()).isZero();
        Path archive = publishedArchive();
        Files.write(archive, new byte[Math.toIntExact(Files.size(archive))]);

        Result result = run("after", "loop", "list");
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("no loops\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(crashReports()).isEmpty();
    }

    @Test
    void classDataOptionsOfTheUserReplaceThePreparedArchive() throws Exception {
        // JDK 25 refuses -XX:AOTCache beside any -Xshare option or another archive: the user's options win
        assertThat(run("prepare", "--version").exit()).isZero();
        for (String options : List.of("-Xshare:off", "-XX:SharedArchiveFile=" + dir.resolve("none.jsa"))) {
            ProcessBuilder builder = launcher("opts", "loop", "list");
            builder.environment().put("STATEKEEPER_JAVA_OPTS", options);
            Result result = finish(builder.redirectOutput(dir.resolve("opts.out").toFile())
                    .redirectError(dir.resolve("opts.err").toFile()).start(), dir.resolve("opts.out"), dir.resolve("opts.err"));
            assertThat(result.exit()).as(options + ": " + result.stderr()).isZero();
            assertThat(result.stdout()).isEqualTo("no loops\n");
        }
    }

    @Test
    void aUserWhoCannotWriteTheInstallRunsItUnpreparedAndLeavesNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to run as another user");
        for (Path p : List.of(dir, install, install.resolve(".mvn"), install.resolve("cli"), install.resolve("cli/target"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(install.resolve("statekeeper"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(dir.resolve("nobody"));
        var nobody = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(home, nobody);
        Files.setOwner(dir.resolve("tmp"), nobody);

        ProcessBuilder builder = launcher("nobody", "loop", "list");
        builder.command().addAll(0, List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("STATEKEEPER_DATA_DIR", home.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        Result result = finish(builder.directory(home.toFile()).redirectOutput(dir.resolve("nobody.out").toFile())
                .redirectError(dir.resolve("nobody.err").toFile()).start(), dir.resolve("nobody.out"), dir.resolve("nobody.err"));

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("no loops\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(lock).doesNotExist();
        assertThat(launch).doesNotExist();
    }

    @Test
    void serversAndBulkCommandsRunWithTheJvmsDefaultsAndShortCommandsWithStartUpFlags() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the JVM's command line from /proc");
        assertThat(run("prepare", "--version").exit()).isZero();

        Process serve = launcher("serve", "serve", "--port", "0").redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            String banner = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(banner).startsWith("statekeeper is serving the sqlite store on http://127.0.0.1:");
            List<String> line = commandLine(serve);
            assertThat(line).doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC").contains("-jar");
            assertThat(line).as("the AOT cache or class-data archive is used by servers too")
                    .contains(archiveOption() + publishedArchive());
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }

        // an option's value that reads like a command does not decide: the command is mcp
        Process mcp = launcher("mcp", "--data-dir", dir.resolve("serve").toString(), "mcp").start();
        try {
            assertThat(waitForJava(mcp)).doesNotContain("-XX:TieredStopAtLevel=1");
        } finally {
            mcp.getOutputStream().close();
            assertThat(mcp.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // a db command that moves every record runs for minutes on a large store: C2 halves it; the serial GC
        // keeps its memory flat
        Process load = launcher("load", "--data-dir", dir.resolve("load").toString(), "db", "import", "-").start();
        try {
            assertThat(waitForJava(load)).doesNotContain("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC");
        } finally {
            load.getOutputStream().close();
            load.waitFor(30, TimeUnit.SECONDS);
        }

        Process shortCommand = launcher("short", "spec", "put", "--project", "demo", "--file", "-").start();
        try {
            assertThat(waitForJava(shortCommand)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        } finally {
            shortCommand.getOutputStream().close();
            shortCommand.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The command line of the process once the launcher has exec'd the JVM (the same process id). */
    private static List<String> waitForJava(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            List<String> line = commandLine(process);
            if (!line.isEmpty() && line.get(0).endsWith("/java")) return line;
            Thread.sleep(5); // polls for the exec; asserts no timing
        }
        throw new AssertionError("the launcher did not start the JVM");
    }

    private static List<String> commandLine(Process process) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long endedProcessId() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }
}
