package dev.slipway.cli;

/** The ports of one local stack. */
public record ServicePorts(int kafka, int ingest, int build, int deploy, int verify, int notifications) {
    public static final ServicePorts DEFAULT = new ServicePorts(9092, 8081, 8082, 8083, 8084, 8085);
}
