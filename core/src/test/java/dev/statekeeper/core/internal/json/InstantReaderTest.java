package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The fast instant reader reads what the JavaTimeModule reads, and leaves everything else to it. */
class InstantReaderTest {
    private static final ObjectMapper MODULE_ONLY = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private static Instant read(ObjectMapper mapper, String text) throws Exception {
        return mapper.readValue("\"" + text + "\"", Instant.class);
    }

    @Test
    void readsEveryInstantAsTheModuleDoes() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(InstantReader.parse(text)).as(text).isEqualTo(instant);
            assertThat(read(Json.mapper(), text)).as(text).isEqualTo(read(MODULE_ONLY, text));
        }
    }

    /** Offsets, leap seconds, other cases and widths, impossible dates, non-ASCII digits: the module's answer. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T07:00:00+01:00", "2026-12-03t07:00:00z", "2026-12-31T23:59:60Z",
        "2026-12-03T07:00:00.Z", "2026-12-03T07:00Z", "+12026-12-03T07:00:00Z", "2026-12-03T07:00:00.1234567890Z",
        "2026-02-30T07:00:00Z", "2026-12-03T24:00:00Z", "2026-13-03T07:00:00Z", "2026-1a-03T07:00:00Z",
        "２０２６-12-03T07:00:00Z", "yesterday", ""})
    void leavesEveryOtherTextToTheModule(String text) throws Exception {
        assertThat(InstantReader.parse(text)).isNull();
        Throwable refused = catchThrowable(() -> read(MODULE_ONLY, text));
        if (refused == null) {
            assertThat(read(Json.mapper(), text)).isEqualTo(read(MODULE_ONLY, text));
        } else {
            assertThatThrownBy(() -> read(Json.mapper(), text)).isInstanceOf(refused.getClass())
                    .hasMessage(refused.getMessage());
        }
    }
}
