package dev.slipway.platform.messaging;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A worker thread that repeats a step while it finds work and otherwise sleeps until woken or until
 * {@code idle} has passed. Drives relays and database-backed jobs, so nothing depends on holding a
 * Kafka message while it works.
 */
public final class BackgroundLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration idle;
    private final BooleanSupplier step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean pendingWake;

    private BackgroundLoop(String name, Duration idle, BooleanSupplier step) {
        this.name = name;
        this.idle = idle;
        this.step = step;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** @param step returns true when it did some work and should run again at once */
    public static BackgroundLoop start(String name, Duration idle, BooleanSupplier step) {
        BackgroundLoop loop = new BackgroundLoop(name, idle, step);
        loop.thread.start();
        return loop;
    }

    /** Runs the step again soon, without waiting for the idle time to pass. */
    public void wake() {
        lock.lock();
        try {
            pendingWake = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            boolean didWork;
            try {
                didWork = step.getAsBoolean();
                failures = 0;
            } catch (RuntimeException | Error e) {
                // an Error must not end the thread silently: the service would look ready and do nothing
                failures++;
                LOG.warnf(e, "%s: step failed (%d in a row), retrying", name, failures);
                didWork = false;
            }
            if (!didWork && running) {
                long waitMillis = idle.toMillis() * Math.min(1L << Math.min(failures, 6), 50);
                await(waitMillis);
            }
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            if (!pendingWake) {
                woken.await(millis, TimeUnit.MILLISECONDS);
            }
            pendingWake = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
