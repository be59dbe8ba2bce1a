package dev.slipway.edge;

import java.time.Instant;

/** Which slot an environment's URL serves, with the version it holds and when it became live. */
record Live(Slot slot, long version, Instant switchedAt) {
}
