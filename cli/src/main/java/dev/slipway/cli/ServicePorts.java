package dev.slipway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports of one local stack.
 *
 * @param edge      where the edge serves the environments: {@code http://127.0.0.1:<edge>/<app>/<environment>/}
 * @param edgeAdmin the edge's admin API (loopback only), which deploy-service drives
 */
public record ServicePorts(int kafka, int ingest, int build, int deploy, int verify, int notifications,
                           int edge, int edgeAdmin) {
    public static final ServicePorts DEFAULT = new ServicePorts(9092, 8081, 8082, 8083, 8084, 8085, 8088, 8089);

    /** The stack's ports with two free ones for the edge (for callers that choose only the services' ports). */
    public ServicePorts(int kafka, int ingest, int build, int deploy, int verify, int notifications) {
        this(kafka, ingest, build, deploy, verify, notifications, twoFreePorts());
    }

    private ServicePorts(int kafka, int ingest, int build, int deploy, int verify, int notifications, int[] edgePorts) {
        this(kafka, ingest, build, deploy, verify, notifications, edgePorts[0], edgePorts[1]);
    }

    /** Every port and what listens there, for the checks before starting. */
    Map<String, Integer> byName() {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("Kafka", kafka);
        all.put("edge", edge);
        all.put("edge admin", edgeAdmin);
        all.put("ingest-service", ingest);
        all.put("build-service", build);
        all.put("deploy-service", deploy);
        all.put("verify-service", verify);
        all.put("notify-service", notifications);
        return all;
    }

    /** Both taken from the system at the same time, so they differ. */
    private static int[] twoFreePorts() {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[]{a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
