package dev.statekeeper.mcp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON-RPC frame check under a seeded generator: mutated MCP messages and random bytes are either passed on as a
 * message or refused with a JSON-RPC error whose message is plain, printable and short; it never throws. Bounded by
 * {@code -Dstatekeeper.fuzz.iterations} (default 5,000), repeatable by {@code -Dstatekeeper.fuzz.seed}.
 */
class JsonRpcFrameFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("statekeeper.fuzz.iterations", 5_000);
    private static final long SEED = Long.getLong("statekeeper.fuzz.seed", 20_261_202L);
    private static final String[] CORPUS = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_loop_status\","
                    + "\"arguments\":{\"loopId\":\"abc12345\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}"};
    private static final String[] SPLICES = {"null", "[]", "{}", "\"\\ud800\"", "1.5", "true", "1e999", "\"\\u0000\"",
            "[[[[[[[[", "\"id\":{}", "\"params\":\"s\"", "\"arguments\":[1]", ",\"id\":2", "\u001b[2J"};

    @Test
    void everyInputIsPassedOnOrRefusedPlainlyAndNothingThrows() {
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = random.nextInt(5) == 0 ? noise(random) : mutated(random);
            JsonRpcFrame.Read read;
            try {
                read = JsonRpcFrame.read(input);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", input " + new String(input, StandardCharsets.UTF_8), e);
            }
            if (read instanceof JsonRpcFrame.Refusal refusal) {
                refused++;
                assertThat(refusal.code()).isIn(-32700, -32600, -32602);
                assertThat(refusal.message()).as("seed %d", SEED).hasSizeLessThan(500)
                        .doesNotContain("Feature").doesNotContain("com.fasterxml").doesNotContain("Exception");
                assertThat(refusal.message().chars().noneMatch(Character::isISOControl)).as(refusal.message()).isTrue();
                assertThat(refusal.id() == null || refusal.id().isTextual() || refusal.id().isIntegralNumber()).isTrue();
            }
        }
        assertThat(refused).as("the generator reaches the refusals").isGreaterThan(ITERATIONS / 4);
    }

    private static byte[] mutated(Random random) {
        StringBuilder text = new StringBuilder(CORPUS[random.nextInt(CORPUS.length)]);
        for (int e = 0; e <= random.nextInt(3); e++) {
            if (text.isEmpty()) {
                break;
            }
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, SPLICES[random.nextInt(SPLICES.length)]);
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.setLength(Math.max(1, at));
                default -> text.setCharAt(at, (char) random.nextInt(0x100));
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] noise(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(48)];
        random.nextBytes(bytes);
        return bytes;
    }
}
