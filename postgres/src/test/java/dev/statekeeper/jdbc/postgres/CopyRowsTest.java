package dev.statekeeper.jdbc.postgres;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY text form of each value a load binds; that the server reads it back is the archive contract's part. */
class CopyRowsTest {

    private static String text(Object value) {
        StringBuilder text = new StringBuilder();
        CopyRows.value(text, value);
        return text.toString();
    }

    @Test
    void nullsAreTheNullMarkerAndTextIsEscaped() {
        assertThat(text(null)).isEqualTo("\\N");
        assertThat(text(new PGobject())).isEqualTo("\\N");
        assertThat(text("\\N")).isEqualTo("\\\\N");
        assertThat(text("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(text("plain ünïcødé 🚀")).isEqualTo("plain ünïcødé 🚀");
    }

    @Test
    void timesKeepTheirSecondsAndFractionNumbersAreDecimal() {
        assertThat(text(OffsetDateTime.of(2026, 12, 3, 7, 0, 0, 0, ZoneOffset.UTC))).isEqualTo("2026-12-03T07:00:00Z");
        assertThat(text(OffsetDateTime.of(2026, 12, 3, 7, 0, 1, 123_456_000, ZoneOffset.UTC)))
                .isEqualTo("2026-12-03T07:00:01.123456Z");
        assertThat(text(72.5)).isEqualTo("72.5");
        assertThat(text(42L)).isEqualTo("42");
    }

    @Test
    void aValueWithoutTextFormIsRefusedByName() {
        assertThatThrownBy(() -> text(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no COPY text form for a java.lang.Object");
    }
}
