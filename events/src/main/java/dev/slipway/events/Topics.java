package dev.slipway.events;

import java.util.List;

/** Kafka topic names, one per pipeline stage, plus the dead-letter topic. */
public final class Topics {
    public static final String INGEST = "slipway.ingest.v1";
    public static final String BUILD = "slipway.build.v1";
    public static final String DEPLOY = "slipway.deploy.v1";
    public static final String VERIFY = "slipway.verify.v1";
    /** Requests from operators and policies, e.g. rollbacks. */
    public static final String OPS = "slipway.ops.v1";
    public static final String DEAD_LETTER = "slipway.dead-letter.v1";

    /** Header names set on dead-lettered records. */
    public static final String DLQ_REASON_HEADER = "slipway-dlq-reason";
    public static final String DLQ_ORIGIN_HEADER = "slipway-dlq-origin";
    public static final String DLQ_CONSUMER_HEADER = "slipway-dlq-consumer";

    public static final List<String> ALL = List.of(INGEST, BUILD, DEPLOY, VERIFY, OPS, DEAD_LETTER);

    private Topics() {
    }
}
