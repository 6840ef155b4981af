package dev.statekeeper.jdbc.postgres;

import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.StandardSocketOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The sockets pgjdbc gets for Statekeeper's connections carry the DATABASE_KEEPALIVE_* timing. */
class KeepAliveSocketFactoryTest {

    @Test
    void socketsHaveKeepaliveOnWithTheConfiguredTiming() throws Exception {
        try (Socket socket = new KeepAliveSocketFactory(KeepAliveSocketFactory.argument(30, 10, 5)).createSocket()) {
            assertThat(socket.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            assumeTrue(socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE),
                    "this platform has no per-socket keepalive timing");
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(30);
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(5);
        }
    }

    @Test
    void aMalformedArgumentIsRefused() {
        assertThatThrownBy(() -> new KeepAliveSocketFactory("30,10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected idle,interval,count in seconds and probes, got: 30,10");
    }
}
