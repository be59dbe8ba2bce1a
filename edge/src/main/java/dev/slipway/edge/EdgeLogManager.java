package dev.slipway.edge;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler in a shutdown hook of its own, which runs alongside the edge's: the
 * lines saying which services were stopped on shutdown would be lost. This one keeps its handlers open to the end
 * (the console handler flushes every line). Installed by {@link EdgeMain} only; a library user keeps their own.
 */
public final class EdgeLogManager extends LogManager {

    @Override
    public void reset() {
        // handlers stay as configured; there is nothing to reset in a process that ends next
    }
}
