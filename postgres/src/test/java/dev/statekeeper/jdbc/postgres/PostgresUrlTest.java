package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresUrlTest {

    @Test
    void takesTheUrlApartForTheDriver() {
        PostgresUrl url = PostgresUrl.parse("postgresql://respec:p%40ss:word@db.example.com:6432/respec_prod"
                + "?sslmode=require&application_name=tool");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/respec_prod");
        assertThat(url.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "respec",
                "password", "p@ss:word", "sslmode", "require", "ApplicationName", "tool"));
        assertThat(url).hasToString("postgresql://respec:****@db.example.com:6432/respec_prod"
                + "?sslmode=require&application_name=tool");
    }

    @Test
    void acceptsThePostgresSchemeAndDefaultsThePort() {
        PostgresUrl url = PostgresUrl.parse("postgres://app@localhost/state");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/state");
        assertThat(url.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "app"));
        assertThat(url.server()).isEqualTo("localhost:5432");
    }

    @Test
    void refusesAUrlWithoutADatabaseOrOfAnotherKindWithThePasswordMasked() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://app:s3cret@localhost:5432/"))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("invalid settings: DATABASE_URL = 'postgresql://app:****@localhost:5432/': "
                        + "names no database (postgresql://user:pass@host:port/db)");
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://app:s3cret@localhost/db"))
                .hasMessage("invalid settings: DATABASE_URL = 'mysql://app:****@localhost/db': "
                        + "must start with postgresql:// or postgres://");
        assertThatThrownBy(() -> PostgresUrl.parse(null))
                .hasMessage("invalid settings: DATABASE_URL = (missing): is required for the postgres backend "
                        + "(postgresql://user:pass@host:port/db)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://respec:p@ss/w#rd@localhost:5432/respec_dev",
            "postgresql://respec:p@ss@localhost:5432/respec_dev", "postgresql://respec:pa/ss@localhost:5432/respec_dev",
            "postgresql://respec:pa#ss@localhost:5432/respec_dev"})
    void aPasswordWithReservedCharactersNotPercentEncodedIsRefusedWithTheHintNotTakenApartWrongly(String url) {
        assertThatThrownBy(() -> PostgresUrl.parse(url))
                .hasMessage("invalid settings: DATABASE_URL = 'postgresql://respec:****@localhost:5432/respec_dev': does "
                        + "not read as user:password@host:port/db: a password (or user) that holds @ / # ? : or % must have "
                        + "them percent-encoded (@ as %40, / as %2F, # as %23, ? as %3F, : as %3A, % as %25)");
        PostgresUrl encoded = PostgresUrl.parse("postgresql://respec:p%40ss%2Fw%23rd@localhost:5432/respec_dev");
        assertThat(encoded.password()).isEqualTo("p@ss/w#rd");
        assertThat(encoded.database()).isEqualTo("respec_dev");
    }
}
