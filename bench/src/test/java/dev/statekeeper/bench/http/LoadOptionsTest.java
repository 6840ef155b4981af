package dev.statekeeper.bench.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {

    @Test
    void defaultsAreTheBenchmarksMatrix() {
        assertThat(LoadOptions.parse()).isEqualTo(new LoadOptions(List.of("sqlite", "postgres"),
                List.of(Op.GET_LOOP, Op.ADD_FEEDBACK), List.of(1, 16, 64), List.of(Mode.HTTP, Mode.IN_PROCESS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1000, 3));
    }

    @Test
    void everyOptionIsSettable() {
        LoadOptions options = LoadOptions.parse("--backends=postgres", "--ops=add-feedback", "--clients=2,4",
                "--modes=in-process", "--warmup=0", "--measure=1", "--loops=10", "--feedback=0");
        assertThat(options).isEqualTo(new LoadOptions(List.of("postgres"), List.of(Op.ADD_FEEDBACK), List.of(2, 4),
                List.of(Mode.IN_PROCESS), Duration.ZERO, Duration.ofSeconds(1), 10, 0));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LoadOptions.parse("--threads=4"))
                .hasMessage("unknown argument '--threads=4'\n" + LoadOptions.USAGE);
        assertThatThrownBy(() -> LoadOptions.parse("--backends=mysql")).hasMessage("no backend 'mysql' (sqlite, postgres)");
        assertThatThrownBy(() -> LoadOptions.parse("--ops=list")).hasMessage("no operation 'list' (get-loop, add-feedback)");
        assertThatThrownBy(() -> LoadOptions.parse("--modes=grpc")).hasMessage("no mode 'grpc' (http, in-process)");
        assertThatThrownBy(() -> LoadOptions.parse("--clients=0")).hasMessage("--clients must be a whole number >= 1, not '0'");
        assertThatThrownBy(() -> LoadOptions.parse("--measure=x")).hasMessage("--measure must be a whole number >= 1, not 'x'");
        assertThatThrownBy(() -> LoadOptions.parse("--loops=5", "--loops=6")).hasMessage("--loops given twice");
    }
}
