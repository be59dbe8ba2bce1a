package dev.slipway.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service of a slot: a process (with whatever it started) in a session of its own. Either started by this
 * edge, then its exit code is known, or adopted from a previous edge's state file, then it is not (only a parent
 * learns a process's exit code). A service that exits on its own is not restarted: it stays recorded as not running.
 */
final class ServiceProcess {
    private static final System.Logger LOG = System.getLogger(ServiceProcess.class.getName());
    private static final int LOG_TAIL_BYTES = 4000;
    private static final long POLL_MILLIS = 50;

    private final String label;
    private final String component;
    private final String route;
    private final String run;
    private final Path dir;
    private final int port;
    private final Path logFile;
    private final ProcessSession session;
    /** null when adopted from a previous edge or found gone at restore */
    private final Process process;
    /** still running at restore, from a previous edge */
    private final boolean adopted;
    private volatile boolean stopRequested;
    /** guarded by this */
    private boolean endReported;

    private ServiceProcess(String label, String component, String route, String run, Path dir, int port, Path logFile,
                           ProcessSession session, Process process, boolean adopted) {
        this.label = label;
        this.component = component;
        this.route = route;
        this.run = run;
        this.dir = dir;
        this.port = port;
        this.logFile = logFile;
        this.session = session;
        this.process = process;
        this.adopted = adopted;
        if (process != null) {
            process.onExit().thenAccept(p -> reportEnd("exited with code " + p.exitValue()));
        }
    }

    /** A process this edge just started with {@code setsid}, so its pid is also its session's id. */
    static ServiceProcess started(String label, String component, String route, String run, Path dir, int port,
                                  Path logFile, Process process) {
        // unknown only when it has already ended and been reaped: then no later process can be taken for it
        Instant startedAt = process.toHandle().info().startInstant().orElse(Instant.EPOCH);
        return new ServiceProcess(label, component, route, run, dir, port, logFile,
                new ProcessSession(process.pid(), startedAt), process, false);
    }

    /** A process recorded by a previous edge: adopted when it is still the one recorded, else recorded as gone. */
    static ServiceProcess restored(String label, StoredEnvironment.StoredService stored, Path logFile) {
        ProcessSession session = new ProcessSession(stored.pid(), stored.pidStartedAt());
        boolean running = session.leaderRunning();
        LOG.log(System.Logger.Level.INFO, running
                ? "adopted " + label + ": pid " + stored.pid() + ", port " + stored.port()
                : label + " (pid " + stored.pid() + ") is no longer running");
        return new ServiceProcess(label, stored.component(), stored.route(), stored.run(), Path.of(stored.dir()),
                stored.port(), logFile, session, null, running);
    }

    String component() {
        return component;
    }

    String route() {
        return route;
    }

    int port() {
        return port;
    }

    long pid() {
        return session.id();
    }

    /** Still running at restore; its end is then noticed by polling ({@link #noticeEnd()}). */
    boolean adopted() {
        return adopted;
    }

    boolean running() {
        // not our child, an adopted process is reaped by its new parent, maybe late: a zombie has ended
        return process != null ? process.isAlive() : adopted && session.leaderRunning();
    }

    /** For adopted processes, polled: reports the end once; @return whether it has ended */
    boolean noticeEnd() {
        if (running()) {
            return false;
        }
        reportEnd("ended (its exit code is unknown: it was adopted after a restart)");
        return true;
    }

    /** null while running, when stopped before it ended, or when adopted */
    Integer exitCode() {
        return process != null && !process.isAlive() ? process.exitValue() : null;
    }

    /**
     * SIGTERM to every process of the service's session, SIGKILL to whatever is left after {@code timeout}.
     * Returns once they are gone.
     */
    void stop(Duration timeout) {
        stopRequested = true;
        List<ProcessHandle> members = session.members();
        if (members.isEmpty()) {
            return;
        }
        members.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (process != null) {
                process.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS); // our child: its end is seen at once
            }
            while (!session.members().isEmpty() && System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL_MILLIS); // what the service started, or an adopted process, is not our child
            }
        } catch (TimeoutException e) {
            // no more grace: killed below
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot await the end of " + label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // no more grace: killed below
        }
        List<ProcessHandle> left = session.members();
        left.forEach(ProcessHandle::destroyForcibly);
        if (process != null) {
            try {
                process.waitFor(2, TimeUnit.SECONDS); // so the exit code is there for the next answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(System.Logger.Level.INFO, "stopped " + label + (left.isEmpty() ? "" : ", killing " + left.size()
                + " process(es) still there after " + timeout.toSeconds() + " s")
                + (exitCode() == null ? "" : " (exit code " + exitCode() + ")"));
    }

    private synchronized void reportEnd(String how) {
        if (!stopRequested && !endReported) {
            LOG.log(System.Logger.Level.WARNING, label + " " + how);
        }
        endReported = true;
    }

    /** The last few thousand characters of the service's output (stdout and stderr). */
    String logTail() {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            long size = channel.size();
            long from = Math.max(0, size - LOG_TAIL_BYTES);
            ByteBuffer bytes = ByteBuffer.allocate((int) (size - from));
            channel.position(from);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until full: the file may still grow, the tail is what was there when we looked
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    Views.ServiceView view() {
        return new Views.ServiceView(component, route, port, pid(), running(), exitCode(), logTail());
    }

    StoredEnvironment.StoredService stored() {
        return new StoredEnvironment.StoredService(component, route, run, dir.toString(), port, pid(),
                session.leaderStartedAt());
    }
}
