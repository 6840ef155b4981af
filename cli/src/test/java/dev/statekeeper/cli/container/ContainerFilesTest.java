package dev.statekeeper.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container files' facts that can be checked without a container engine (ContainerImageIT builds and runs the
 * image where one runs): a multi-stage Dockerfile on pinned base images, built with the wrapper on a JDK 21+ and
 * run as a non-root user on a JRE with a HEALTHCHECK; a compose.yaml with PostgreSQL 16 and Statekeeper; the README.
 */
class ContainerFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** FROM image:tag [AS name], the tag a release (21.0.6_7-jdk-noble, 16.6-bookworm): never latest nor a bare major. */
    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+?)(?::(\\S+))?(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern PINNED = Pattern.compile("\\d+\\.\\d+[._]\\d+.*|\\d+\\.\\d+(-.+)?");

    private record Stage(String image, String tag, String name, List<String> instructions) {}

    /** The Dockerfile's stages, each with its instructions (continued lines joined, comments dropped). */
    private static List<Stage> stages() throws IOException {
        List<Stage> stages = new ArrayList<>();
        String joined = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
        for (String line : joined.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher from = FROM.matcher(line);
            if (from.matches()) {
                stages.add(new Stage(from.group(1), from.group(2), from.group(3), new ArrayList<>()));
            } else {
                assertThat(stages).as("an instruction before the first FROM: " + line).isNotEmpty();
                stages.getLast().instructions().add(line);
            }
        }
        return stages;
    }

    @Test
    void theDockerfileBuildsWithTheWrapperOnAJdkAndRunsOnAJreFromPinnedImages() throws IOException {
        List<Stage> stages = stages();
        assertThat(stages).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        for (Stage stage : stages) {
            assertThat(stage.tag()).as(stage.image() + " is pinned to a release").isNotNull().matches(PINNED)
                    .isNotEqualToIgnoringCase("latest");
        }
        Stage build = stages.getFirst();
        Stage run = stages.getLast();
        assertThat(build.image()).isEqualTo("eclipse-temurin");
        assertThat(build.tag()).contains("-jdk");
        assertThat(Integer.parseInt(build.tag().replaceAll("^(\\d+).*", "$1"))).isGreaterThanOrEqualTo(21);
        assertThat(build.instructions()).anyMatch(i -> i.startsWith("RUN") && i.contains("./mvnw") && i.contains("package"));
        assertThat(run.image()).isEqualTo("eclipse-temurin");
        assertThat(run.tag()).contains("-jre");
        assertThat(run.tag().replaceAll("-jre", "")).as("the JRE is the JDK's release")
                .isEqualTo(build.tag().replaceAll("-jdk", ""));
        assertThat(run.instructions()).anyMatch(i -> i.startsWith("COPY --from=" + build.name() + " ")
                && i.contains("/src/cli/target/statekeeper-dist/lib/statekeeper.jar"));
    }

    @Test
    void theImageRunsAsAUserOfItsOwnWithAHealthcheck() throws IOException {
        List<String> run = stages().getLast().instructions();
        List<String> users = run.stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        String user = users.getFirst().substring("USER ".length()).split(":")[0].strip();
        assertThat(user).isNotIn("root", "0");
        assertThat(run).anyMatch(i -> i.startsWith("RUN") && i.contains("useradd") && i.contains(" " + user));
        int userAt = run.indexOf(users.getFirst());
        assertThat(run.subList(userAt + 1, run.size())).as("nothing runs as root after USER")
                .noneMatch(i -> i.startsWith("RUN") || i.startsWith("USER"));
        assertThat(run).contains("HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 "
                + "CMD [\"statekeeper\", \"healthcheck\"]");
        assertThat(run).contains("ENTRYPOINT [\"statekeeper\"]", "CMD [\"serve\"]");
    }

    @Test
    void whatTheDockerfileCopiesFromTheContextIsThereAndNotIgnored() throws Exception {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target/", ".git/");
        for (Stage stage : stages()) {
            for (String copy : stage.instructions().stream().filter(i -> i.startsWith("COPY ") && !i.contains("--from=")).toList()) {
                String source = copy.split("\\s+")[1];
                assertThat(ROOT.resolve(source)).as(copy).exists();
                assertThat(ignored).as(copy).noneMatch(pattern -> source.startsWith(pattern.replace("**/", "")));
            }
        }
        Path wrapper = ROOT.resolve("docker/statekeeper");
        assertThat(wrapper).isExecutable();
        Process check = new ProcessBuilder("sh", "-n", wrapper.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(Files.readString(wrapper)).contains("-jar /opt/statekeeper/statekeeper.jar \"$@\"");
    }

    @Test
    void composeRunsStatekeeperOnPostgresql16OnceItIsHealthy() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("compose.yaml").toFile());
        JsonNode postgres = compose.path("services").path("postgres");
        JsonNode statekeeper = compose.path("services").path("statekeeper");
        assertThat(postgres.path("image").asText()).matches("postgres:16\\.\\d+(-[a-z]+)?");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(postgres.path("environment").path("POSTGRES_PASSWORD").asText()).startsWith("${POSTGRES_PASSWORD:?");
        assertThat(statekeeper.path("build").asText()).isEqualTo(".");
        assertThat(statekeeper.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        JsonNode env = statekeeper.path("environment");
        assertThat(env.path("STATEKEEPER_BACKEND").asText()).isEqualTo("postgres");
        assertThat(env.path("DATABASE_URL").asText())
                .isEqualTo("postgresql://statekeeper:${POSTGRES_PASSWORD}@postgres:5432/statekeeper");
        assertThat(env.path("STATEKEEPER_API_TOKEN").asText()).startsWith("${STATEKEEPER_API_TOKEN:?");
        assertThat(statekeeper.path("ports").get(0).asText()).isEqualTo("127.0.0.1:7070:7070");
    }

    @Test
    void theReadmeDocumentsTheImageAndCompose() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("## Containers", "docker build -t statekeeper .", "docker compose up -d",
                "statekeeper healthcheck");
    }
}
