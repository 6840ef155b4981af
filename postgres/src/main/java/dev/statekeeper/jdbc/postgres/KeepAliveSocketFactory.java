package dev.statekeeper.jdbc.postgres;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * The sockets of Statekeeper's PostgreSQL connections, with TCP keepalive on and timed by the
 * DATABASE_KEEPALIVE_* settings (seed 002's 30 s idle, 10 s interval, 5 probes by default). pgjdbc's own
 * {@code tcpKeepAlive} only switches keepalive on, with the system's timing (two hours on Linux), which is
 * longer than most firewalls keep an idle connection. pgjdbc creates it by name with the argument
 * {@code "idle,interval,count"} (its {@code socketFactoryArg}); options a platform lacks are left to it.
 */
public final class KeepAliveSocketFactory extends SocketFactory {
    private final int idle;
    private final int interval;
    private final int count;

    public KeepAliveSocketFactory(String argument) {
        String[] parts = argument.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected idle,interval,count in seconds and probes, got: " + argument);
        }
        this.idle = Integer.parseInt(parts[0].trim());
        this.interval = Integer.parseInt(parts[1].trim());
        this.count = Integer.parseInt(parts[2].trim());
    }

    static String argument(int idle, int interval, int count) {
        return idle + "," + interval + "," + count;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setKeepAlive(true);
        set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, idle);
        set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, interval);
        set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, count);
        return socket;
    }

    private static void set(Socket socket, SocketOption<Integer> option, int value) throws IOException {
        if (socket.supportedOptions().contains(option)) {
            socket.setOption(option, value);
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException, UnknownHostException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw unconnected();
    }

    /** pgjdbc asks for an unconnected socket and connects it itself, with its connect timeout. */
    private static UnsupportedOperationException unconnected() {
        return new UnsupportedOperationException("only unconnected sockets are made: pgjdbc connects them itself");
    }
}
