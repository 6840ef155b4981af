package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code ssl}: the connection is encrypted when it crosses a network (a host that is not this machine's loopback):
 * P2 when it is not, as the password and every record travel in clear text; P3 when it is but sslmode is not
 * verify-full, so the server's certificate (and a man in the middle) goes unchecked. What the doctor's own
 * connection got (pg_stat_ssl) stands for the store's: both follow DATABASE_URL.
 */
final class SslCheck extends PostgresCheck {
    SslCheck() {
        super("ssl", "The connection is encrypted off this machine", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        String host = handle.url().host();
        boolean local = local(host);
        String sslmode = handle.url().parameters().getOrDefault("sslmode", "prefer (the driver's default)");
        Object[] ssl = handle.first("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                r -> new Object[] {r.getBoolean(1), r.getString(2), r.getString(3)}).orElse(new Object[] {false, null,
                    null});
        boolean encrypted = (Boolean) ssl[0];
        CheckResult.Builder result = CheckResult.of(this).evidence("host", host).evidence("local", local)
                .evidence("encrypted", encrypted).evidence("tlsVersion", ssl[1]).evidence("cipher", ssl[2])
                .evidence("sslmode", sslmode)
                .threshold("encrypted with sslmode=verify-full when the host is not local");
        if (local) {
            return result.ok("the connection to " + host + " stays on this machine" + (encrypted ? " (encrypted)" : ""));
        }
        if (encrypted && sslmode.equals("verify-full")) {
            return result.ok("the connection to " + host + " is encrypted (" + ssl[1] + ") and the server's certificate "
                    + "is verified");
        }
        result.runbook("turn ssl on in the server's postgresql.conf (ssl = on, with a certificate), give the client the "
                + "server's CA (sslrootcert=/path/root.crt) and set sslmode=verify-full in DATABASE_URL; managed "
                + "databases publish their CA certificate");
        String url = "postgresql://...@" + host + ":" + handle.url().port() + "/" + handle.url().database()
                + "?sslmode=verify-full&sslrootcert=/path/root.crt";
        if (!encrypted) {
            return result.fix(Fix.manual("DATABASE_URL=" + url, "put the previous DATABASE_URL back"))
                    .finding(Severity.P2, "the connection to " + host + " is not encrypted: the password and every record "
                            + "cross the network in clear text");
        }
        return result.fix(Fix.manual("DATABASE_URL=" + url, "put the previous DATABASE_URL back"))
                .finding(Severity.P3, "the connection to " + host + " is encrypted but sslmode=" + sslmode.split(" ")[0]
                        + " does not verify the server's certificate: a man in the middle would go unnoticed");
    }

    /** Whether the host is this machine: localhost, a 127.x.x.x address, ::1, or a Unix socket directory. */
    static boolean local(String host) {
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.startsWith("/");
    }
}
