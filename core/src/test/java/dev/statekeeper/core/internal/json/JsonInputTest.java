package dev.statekeeper.core.internal.json;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One reader, two wordings: a CLI document names its source, an HTTP body does not. */
class JsonInputTest {

    @Test
    void aDocumentNamesItsSource() {
        assertThatThrownBy(() -> JsonInput.document("spec", "stdin").object(" "))
                .isInstanceOf(StatekeeperException.class)
                .hasMessage("invalid spec JSON (stdin): the input is empty; expected a JSON object");
        assertThatThrownBy(() -> JsonInput.document("spec", "a.json").object("[1]"))
                .hasMessage("invalid spec JSON (a.json): expected a JSON object, got an array");
        assertThatThrownBy(() -> JsonInput.document("loop", "stdin").read("{\"project\":\"p\",\"type\":\"x\"}", NewLoop.class))
                .hasMessageStartingWith("invalid loop JSON (stdin): bad value for 'type': ");
    }

    @Test
    void aBodyNamesNoSource() {
        assertThatThrownBy(() -> JsonInput.body("loop").object(new byte[0]))
                .hasMessage("invalid loop JSON: the body is empty; expected a JSON object");
        assertThatThrownBy(() -> JsonInput.body("loop").object("null".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("invalid loop JSON: expected a JSON object, got null");
        assertThatThrownBy(() -> JsonInput.body("loop").object(new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}))
                .hasMessage("invalid loop JSON: not valid UTF-8: byte 0xC0 at offset 1 does not start or continue a "
                        + "well-formed character");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        JsonInput input = JsonInput.body("spec link");
        var body = input.object("{\"project\":\"p\"}");

        assertThatThrownBy(() -> input.require(body, "name"))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("invalid spec link JSON: missing field 'name'");
                    assertThat(e.violations()).containsExactly(new Violation("name", null, "is required"));
                    assertThat(e.details()).isEqualTo(Map.of("field", "name"));
                });
    }

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        assertThatThrownBy(() -> JsonInput.body("loop").read("{\"project\":\"p\",\"type\":\"build_code\",\"x\":1}",
                NewLoop.class))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                    assertThat(e.getMessage()).startsWith("invalid loop JSON: unknown field 'x' (known fields: ");
                    assertThat(e.violations()).extracting(Violation::field).isEqualTo(List.of("x"));
                });
    }
}
