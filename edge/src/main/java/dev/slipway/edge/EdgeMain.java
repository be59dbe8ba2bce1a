package dev.slipway.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -cp edge.jar:lib/* dev.slipway.edge.EdgeMain [--port N] [--admin-port N] [--data-dir DIR]}; each
 * also from SLIPWAY_EDGE_PORT, SLIPWAY_EDGE_ADMIN_PORT, SLIPWAY_EDGE_DATA_DIR (arguments win). Stops every
 * service gracefully on SIGTERM.
 */
public final class EdgeMain {
    private static final String USAGE = "usage: edge [--port N (default 8088)] [--admin-port N (default 8089)]"
            + " [--data-dir DIR (default ~/.slipway/edge)]";
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";
    private static final String LOG_MANAGER = "java.util.logging.manager";

    private EdgeMain() {
    }

    public static void main(String[] args) {
        EdgeSettings settings;
        try {
            settings = settings(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("edge: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty(LOG_MANAGER) == null) {
            System.setProperty(LOG_MANAGER, EdgeLogManager.class.getName());
        }
        if (System.getProperty(LOG_FORMAT) == null) {
            // one line per event on stderr
            System.setProperty(LOG_FORMAT, "%1$tFT%1$tT.%1$tL%1$tz %4$s %5$s%6$s%n");
        }
        Edge edge;
        try {
            edge = Edge.start(settings);
        } catch (IOException | RuntimeException e) {
            System.err.println("edge: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "edge-shutdown"));
        System.out.println("edge listening on http://" + settings.host() + ":" + edge.publicUrl().getPort()
                + " (admin http://" + settings.host() + ":" + edge.adminUrl().getPort() + ")");
        System.out.flush();
    }

    /** @throws IllegalArgumentException naming the argument or variable that is wrong */
    static EdgeSettings settings(String[] args, Map<String, String> environment) {
        int port = environment.containsKey("SLIPWAY_EDGE_PORT")
                ? port("SLIPWAY_EDGE_PORT", environment.get("SLIPWAY_EDGE_PORT")) : 8088;
        int adminPort = environment.containsKey("SLIPWAY_EDGE_ADMIN_PORT")
                ? port("SLIPWAY_EDGE_ADMIN_PORT", environment.get("SLIPWAY_EDGE_ADMIN_PORT")) : 8089;
        Path dataDir = environment.containsKey("SLIPWAY_EDGE_DATA_DIR")
                ? path("SLIPWAY_EDGE_DATA_DIR", environment.get("SLIPWAY_EDGE_DATA_DIR"))
                : Path.of(System.getProperty("user.home"), ".slipway", "edge");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && isOption(name)) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(isOption(name) ? name + " needs a value" : "unknown argument " + name);
            }
            switch (name) {
                case "--port" -> port = port(name, value);
                case "--admin-port" -> adminPort = port(name, value);
                case "--data-dir" -> dataDir = path(name, value);
                default -> throw new IllegalArgumentException("unknown argument " + name);
            }
        }
        if (port != 0 && port == adminPort) {
            throw new IllegalArgumentException("--port and --admin-port must differ, both are " + port);
        }
        return new EdgeSettings(EdgeSettings.LOOPBACK, port, adminPort, dataDir, EdgeSettings.DEFAULT_STOP_TIMEOUT);
    }

    private static boolean isOption(String name) {
        return name.equals("--port") || name.equals("--admin-port") || name.equals("--data-dir");
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number 0-65535 (0: any free port), not '" + value
                + "'");
    }

    private static Path path(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must be a directory, not empty");
        }
        return Path.of(value);
    }
}
