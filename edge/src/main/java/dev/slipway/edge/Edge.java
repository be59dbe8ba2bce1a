package dev.slipway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local target's runtime: runs the services of every environment's blue and green slots and routes each
 * environment's URL ({@code /{app}/{env}/}) to its live slot; driven by deploy-service over the admin API. It is a
 * process of its own so applications keep serving while deploy-service restarts; started again on the same data
 * directory it takes back its routes and the services still running.
 */
public final class Edge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Edge.class.getName());
    private static final int PUBLIC_THREADS = 64; // a slow service holds one thread, not the port
    private static final int ADMIN_THREADS = 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final EdgeSettings settings;
    private final FileChannel lockFile;
    private final HttpServer publicServer;
    private final HttpServer adminServer;
    private final ExecutorService publicThreads;
    private final ExecutorService adminThreads;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService stoppers;
    private final Environments environments;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Edge(EdgeSettings settings, FileChannel lockFile, HttpServer publicServer, HttpServer adminServer) {
        this.settings = settings;
        this.lockFile = lockFile;
        this.publicServer = publicServer;
        this.adminServer = adminServer;
        this.publicThreads = Executors.newFixedThreadPool(PUBLIC_THREADS, threads("edge-public"));
        this.adminThreads = Executors.newFixedThreadPool(ADMIN_THREADS, threads("edge-admin"));
        this.stoppers = Executors.newCachedThreadPool(threads("edge-stop"));
        this.scheduler = new ScheduledThreadPoolExecutor(2, threads("edge-scheduler"));
        // stops not yet due at shutdown are in the state files and resume on the next start
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        ObjectMapper json = Json.mapper();
        SlotSupervisor supervisor = new SlotSupervisor(settings.dataDir().resolve("logs"), settings.stopTimeout(),
                stoppers, scheduler);
        this.environments = new Environments(supervisor, new StateStore(settings.dataDir().resolve("state"), json),
                scheduler, Clock.systemUTC());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        ReleaseHandler releases = new ReleaseHandler(new StaticFiles(), new ReverseProxy(client, REQUEST_TIMEOUT));
        serve(publicServer, new PublicRouter(environments, releases), publicThreads);
        serve(adminServer, new AdminApi(environments, releases, json), adminThreads);
    }

    /**
     * Binds both ports, takes back what the data directory's state files record, and starts answering.
     *
     * @throws IOException when a port is taken or another edge runs on the same data directory
     */
    public static Edge start(EdgeSettings settings) throws IOException {
        Files.createDirectories(settings.dataDir());
        FileChannel lockFile = FileChannel.open(settings.dataDir().resolve("edge.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        HttpServer publicServer = null;
        HttpServer adminServer = null;
        Edge edge = null;
        try {
            // two edges on one data directory would both adopt, and stop, the same processes
            if (lockFile.tryLock() == null) {
                throw new IOException("another edge runs on the data directory " + settings.dataDir());
            }
            publicServer = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
            adminServer = HttpServer.create(new InetSocketAddress(settings.host(), settings.adminPort()), 0);
            edge = new Edge(settings, lockFile, publicServer, adminServer);
            edge.environments.restore();
            publicServer.start();
            adminServer.start();
        } catch (IOException | RuntimeException e) {
            if (edge != null) {
                edge.release(); // without stopping anything restored: those services are not this edge's to stop
            } else {
                lockFile.close();
            }
            if (publicServer != null) {
                publicServer.stop(0);
            }
            if (adminServer != null) {
                adminServer.stop(0);
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "edge serving " + edge.publicUrl() + " (admin " + edge.adminUrl()
                + "), data in " + settings.dataDir());
        return edge;
    }

    /** Where environments are served: {@code {publicUrl}{app}/{env}/}. Ends with a slash. */
    public URI publicUrl() {
        return url(publicServer);
    }

    /** The admin API, for deploy-service. Ends with a slash. */
    public URI adminUrl() {
        return url(adminServer);
    }

    /** Stops answering and stops every service gracefully (in parallel); state files stay for the next start. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        publicServer.stop(0);
        adminServer.stop(0);
        scheduler.shutdown();
        environments.close();
        release();
        LOG.log(System.Logger.Level.INFO, "edge stopped");
    }

    /** Lets go of threads and the data directory's lock. */
    private void release() {
        scheduler.shutdownNow();
        stoppers.shutdownNow();
        publicThreads.shutdownNow();
        adminThreads.shutdownNow();
        try {
            lockFile.close(); // releases the lock
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release " + settings.dataDir().resolve("edge.lock"), e);
        }
    }

    private URI url(HttpServer server) {
        return URI.create("http://" + settings.host() + ":" + server.getAddress().getPort() + "/");
    }

    private static void serve(HttpServer server, HttpHandler handler, ExecutorService threads) {
        server.createContext("/", handler);
        server.setExecutor(threads);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
