package dev.statekeeper.cli.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.cli.StatekeeperCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's MCP client snippets (Claude Code, Claude Desktop, Cursor, VS Code), each tried: its JSON parses
 * under the key its client reads, it passes STATEKEEPER_DATA_DIR, and the command it names, in the distribution this
 * build wrote, answers an MCP {@code initialize} when started as a client starts it: that command, those arguments,
 * that environment and nothing else (no JAVA_HOME: the launcher finds a JDK itself).
 */
class ReadmeClientSnippetsIT {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("statekeeper.source.root", "..")).toAbsolutePath();
    private static final Path DIST = Path.of(System.getProperty("statekeeper.dist", "target/statekeeper-dist")).toAbsolutePath();
    private static final String PLACEHOLDER = "/path/to/statekeeper";
    private static final String DATA_DIR = "/home/me/.local/state/statekeeper";
    private static final Pattern BLOCK = Pattern.compile("```(json|sh)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private record Server(String client, String command, List<String> args, Map<String, String> env) {}

    private static String section() throws Exception {
        String readme = Files.readString(SOURCE_ROOT.resolve("README.md"));
        int start = readme.indexOf("### MCP clients");
        assertThat(start).as("README has '### MCP clients'").isPositive();
        int end = readme.indexOf("\nFor PostgreSQL put", start);
        return readme.substring(start, end);
    }

    private static List<Server> servers() throws Exception {
        List<Server> servers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        Matcher block = BLOCK.matcher(section());
        while (block.find()) {
            String text = block.group(2);
            if (block.group(1).equals("sh")) {
                assertThat(text).startsWith("claude mcp add ");
                List<String> words = Arrays.asList(text.strip().split(" "));
                int dashes = words.indexOf("--");
                Map<String, String> env = new LinkedHashMap<>();
                for (int i = 0; i < dashes; i++) {
                    if (words.get(i).equals("--env")) {
                        String[] pair = words.get(i + 1).split("=", 2);
                        env.put(pair[0], pair[1]);
                    }
                }
                assertThat(words.get(dashes - 1)).isEqualTo("statekeeper");
                servers.add(new Server("Claude Code", words.get(dashes + 1), words.subList(dashes + 2, words.size()), env));
            } else {
                JsonNode config = json.readTree(text);
                String key = config.has("servers") ? "servers" : "mcpServers";
                assertThat(config.fieldNames()).toIterable().containsExactly(key);
                JsonNode server = config.path(key).path("statekeeper");
                assertThat(server.isObject()).as(text).isTrue();
                if (server.has("type")) {
                    assertThat(server.path("type").asText()).isEqualTo("stdio");
                }
                List<String> args = new ArrayList<>();
                server.path("args").forEach(a -> args.add(a.asText()));
                Map<String, String> env = new LinkedHashMap<>();
                server.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
                servers.add(new Server(key, server.path("command").asText(), args, env));
            }
        }
        return servers;
    }

    @Test
    void theReadmeHasASnippetForEachClientUnderTheKeyItReads() throws Exception {
        assertThat(servers()).extracting(Server::client)
                .containsExactly("Claude Code", "mcpServers", "mcpServers", "servers");
        String section = section();
        assertThat(section).contains("**Claude Code**", "**Claude Desktop**", "**Cursor**", "**VS Code**");
        for (Server server : servers()) {
            assertThat(server.command()).as(server.client()).isEqualTo(PLACEHOLDER + "/statekeeper");
            assertThat(server.args()).as(server.client()).containsExactly("mcp");
            assertThat(new CommandLine(new StatekeeperCommand()).getSubcommands()).containsKey(server.args().getFirst());
            assertThat(server.env()).as(server.client() + " passes the data directory").containsEntry("STATEKEEPER_DATA_DIR", DATA_DIR);
        }
    }

    @Test
    void eachSnippetsCommandAnswersAnMcpInitializeAsItsClientStartsIt() throws Exception {
        int n = 0;
        for (Server server : servers()) {
            Path command = Path.of(server.command().replace(PLACEHOLDER, DIST.toString()));
            assertThat(command).as(server.client()).isExecutable();
            Path data = dir.resolve("data-" + n++);
            List<String> line = new ArrayList<>(List.of(command.toString()));
            line.addAll(server.args());
            ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
                    .redirectError(dir.resolve("err-" + n + ".txt").toFile());
            builder.environment().clear();
            server.env().forEach((k, v) -> builder.environment().put(k, v.replace(DATA_DIR, data.toString())));
            builder.environment().put("PATH", "/usr/bin:/bin");
            builder.environment().put("HOME", dir.toString());
            Process process = builder.start();
            process.getOutputStream().write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"readme\","
                    + "\"version\":\"1\"}}}\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err-" + n + ".txt"));
            assertThat(process.exitValue()).as(server.client() + ": " + err).isZero();
            JsonNode response = new ObjectMapper().readTree(out.lines().findFirst().orElseThrow());
            assertThat(response.path("id").asInt()).isEqualTo(1);
            assertThat(response.path("result").path("serverInfo").path("name").asText()).as(out).isNotEmpty();
            assertThat(data).as(server.client() + " used the data directory it was given").isDirectory();
        }
    }
}
