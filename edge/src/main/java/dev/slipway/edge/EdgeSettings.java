package dev.slipway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How an edge runs.
 *
 * @param host        a loopback address: the admin API has no authentication, so it is never reachable from outside
 * @param port        the public port; 0 picks a free one ({@link Edge#publicUrl()} tells which)
 * @param adminPort   the admin API's port; 0 picks a free one
 * @param dataDir     state files ({@code state/}) and services' output ({@code logs/})
 * @param stopTimeout how long a service gets to end on SIGTERM before it is killed
 */
public record EdgeSettings(String host, int port, int adminPort, Path dataDir, Duration stopTimeout) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public EdgeSettings {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("host must be a loopback address (the admin API has no"
                        + " authentication), not " + host);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host " + host + " is unknown", e);
        }
        requirePort(port, "port");
        requirePort(adminPort, "adminPort");
        if (port != 0 && port == adminPort) {
            throw new IllegalArgumentException("port and adminPort must differ, both are " + port);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        dataDir = dataDir.toAbsolutePath();
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must be zero or more");
        }
    }

    /** 127.0.0.1, free ports, a stop timeout of 10 s. */
    public static EdgeSettings of(Path dataDir) {
        return new EdgeSettings(LOOPBACK, 0, 0, dataDir, DEFAULT_STOP_TIMEOUT);
    }

    public EdgeSettings withPorts(int publicPort, int adminApiPort) {
        return new EdgeSettings(host, publicPort, adminApiPort, dataDir, stopTimeout);
    }

    public EdgeSettings withStopTimeout(Duration timeout) {
        return new EdgeSettings(host, port, adminPort, dataDir, timeout);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0-65535 (0: any free port), not " + port);
        }
    }
}
