package dev.slipway.cli;

import dev.slipway.localinfra.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Slipway on one machine: PostgreSQL (the running server, or an embedded one), a Kafka broker in its own
 * JVM, the edge (which runs the environments' blue and green slots and serves them) in its own JVM, and the
 * five services as their own processes. Used by {@code slipway up}, {@code slipway demo} and the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {
    private static final List<String> SERVICES = List.of("ingest-service", "build-service", "deploy-service",
            "verify-service", "notify-service");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The edge stops every app process gracefully (each within 10 s, in parallel) before it exits. */
    private static final Duration EDGE_STOP_GRACE = Duration.ofSeconds(40);
    static final String EDGE_MAIN = "dev.slipway.edge.EdgeMain";

    /**
     * @param root          the Slipway checkout (its modules' target/ folders hold what runs)
     * @param dataDir       where the stack keeps its state (Kafka data, the edge's slots, logs, workspaces,
     *                      releases, keys)
     * @param database      the PostgreSQL database the services share, one schema each
     * @param resetDatabase drop the services' schemas first (tests start from nothing)
     * @param slackWebhookUrls where notify-service posts; may be empty
     */
    /**
     * @param bakeWindow how long verify-service keeps checking a release after its switch; null for the service's
     *                   default (30 s). The demo shortens it so its story does not stand still.
     * @param environment more configuration for every service, as environment variables (e.g.
     *                    {@code SLIPWAY_DEPLOY_NETLIFY_API_URL}); the environment keeps secrets out of {@code ps}
     */
    public record Options(Path root, Path dataDir, ServicePorts ports, String database, boolean resetDatabase,
                          List<String> slackWebhookUrls, Duration bakeWindow, Map<String, String> environment) {
        public Options {
            environment = Map.copyOf(environment);
        }

        public static Options defaults(Path root, Path dataDir, List<String> slackWebhookUrls) {
            return new Options(root, dataDir, ServicePorts.DEFAULT, "slipway", false, slackWebhookUrls, null, Map.of());
        }

        public Options withBakeWindow(Duration window) {
            return new Options(root, dataDir, ports, database, resetDatabase, slackWebhookUrls, window, environment);
        }
    }

    /**
     * This machine's own deployer token: its line is in the stack's tokens file, the token itself only in
     * {@code credentialsFile}, where the CLI on this machine finds it.
     *
     * @param created true when this start made it; false when the one of an earlier start is still valid
     */
    public record LocalToken(String name, Path credentialsFile, boolean created) {
    }

    private final Options options;
    private LocalToken localToken;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private ManagedProcess edge;
    private LocalPostgres postgres;
    private volatile boolean closing;

    LocalStack(Options options) {
        this.options = options;
    }

    public static LocalStack start(Options options, Progress progress) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Progress progress) {
        checkBuilt();
        ServicePorts ports = options.ports();
        ports.byName().forEach(LocalStack::requireFree);
        ensureLocalToken();
        Instant t0 = Instant.now();
        postgres = LocalPostgres.findOrStart(options.dataDir().resolve("postgres"), 54329);
        postgres.ensureDatabase(options.database());
        if (options.resetDatabase()) {
            resetSchemas();
        }
        progress.done("PostgreSQL " + postgres.host() + ":" + postgres.port() + (postgres.isEmbedded()
                ? " (embedded)" : " (running server)") + ", database " + options.database(), Duration.between(t0, Instant.now()));

        // the broker and the edge start side by side; the services need both
        Instant t1 = Instant.now();
        Path infra = options.root().resolve("local-infra/target");
        ManagedProcess kafka = ManagedProcess.start("kafka", List.of(java(), "-Xmx512m", "-cp",
                        infra.resolve("local-infra-0.1.0-SNAPSHOT.jar") + ":" + infra.resolve("lib") + "/*",
                        "dev.slipway.localinfra.KafkaBroker", options.dataDir().resolve("kafka").toString(),
                        String.valueOf(ports.kafka())),
                Map.of(), logs().resolve("kafka.log"));
        processes.add(kafka);
        edge = ManagedProcess.start("edge", edgeCommand(), Map.of(), logs().resolve("edge.log"));
        processes.add(edge);
        awaitLogLine(kafka, "kafka broker ready");
        progress.done("Kafka 127.0.0.1:" + ports.kafka() + " (KRaft, own JVM)", Duration.between(t1, Instant.now()));
        awaitLogLine(edge, "edge listening on");
        progress.done("edge " + edgeUrl() + " (own JVM, admin " + ports.edgeAdmin() + ")",
                Duration.between(t1, Instant.now()));

        Instant t2 = Instant.now();
        for (String service : SERVICES) {
            ManagedProcess p = ManagedProcess.start(service, serviceCommand(service), serviceEnv(service),
                    logs().resolve(service + ".log"));
            processes.add(p);
            services.put(service, p);
        }
        for (String service : SERVICES) {
            awaitReady(services.get(service), port(service));
            progress.done(service + " " + url(service), Duration.between(t2, Instant.now()));
        }
    }

    /** Kills a service at once (SIGKILL), as a crash would; what it was doing is left as it was. */
    public synchronized void kill(String service) {
        services.get(service).kill();
    }

    /** Starts a service that stopped again, as it was started, and waits until it answers. */
    public synchronized void restart(String service) {
        ManagedProcess old = services.get(service);
        if (old.isAlive()) {
            throw new IllegalStateException(service + " is still running");
        }
        ManagedProcess started = ManagedProcess.start(service, serviceCommand(service), serviceEnv(service),
                logs().resolve(service + ".log"));
        processes.set(processes.indexOf(old), started);
        services.put(service, started);
        awaitReady(started, port(service));
    }

    /**
     * Makes sure the stack's tokens file exists (owner-only) and this machine has a deployer token in it: the one
     * in {@code <data>/credentials} if its hash is still listed, else a new {@code local-<user>} token, whose line
     * replaces an older one of that name and which is written to {@code <data>/credentials} (owner-only).
     */
    LocalToken ensureLocalToken() {
        TokensFile tokens = new TokensFile(tokensFile());
        tokens.ensureExists();
        Path credentials = credentialsFile();
        Optional<TokensFile.Entry> existing = Credentials.read(credentials).map(Tokens::hash).flatMap(tokens::byHash);
        if (existing.isPresent()) {
            localToken = new LocalToken(existing.get().name(), credentials, false);
            return localToken;
        }
        String name = Tokens.localName(System.getProperty("user.name"));
        String token = Tokens.generate();
        tokens.put(new TokensFile.Entry(name, Tokens.Role.deployer, Tokens.hash(token)));
        OwnerOnlyFiles.write(credentials, token + "\n");
        localToken = new LocalToken(name, credentials, true);
        return localToken;
    }

    /** The deployer token {@link #start} made sure of; null before. */
    public LocalToken localToken() {
        return localToken;
    }

    /** The tokens file every service checks API tokens against ({@code -Dslipway.auth.tokens-file}). */
    public Path tokensFile() {
        return options.dataDir().resolve("tokens").toAbsolutePath();
    }

    /** This machine's deployer token, in plain text, owner-only: what the CLI sends when SLIPWAY_TOKEN is not set. */
    /**
     * The operator's settings for every service, {@code <data-dir>/slipway.properties}: notification channels,
     * the GitHub token for commit statuses, the mailer. Each service reads the keys it knows.
     */
    public Path settingsFile() {
        return options.dataDir().resolve("slipway.properties");
    }

    public Path credentialsFile() {
        return options.dataDir().resolve(Credentials.FILE_NAME).toAbsolutePath();
    }

    public String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    public String webhookUrl() {
        return url("ingest-service") + "/webhooks/github";
    }

    /** Where the edge serves an environment: its static site at the root, its services under their routes. */
    public String siteUrl(String app, String environment) {
        return edgeUrl() + "/" + app + "/" + environment + "/";
    }

    /** The edge's public URL; environments are served at {@code <edge>/<app>/<environment>/}. */
    public String edgeUrl() {
        return "http://127.0.0.1:" + options.ports().edge();
    }

    /** The edge's admin API (loopback only), which deploy-service drives. */
    public String edgeAdminUrl() {
        return "http://127.0.0.1:" + options.ports().edgeAdmin();
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + options.ports().kafka();
    }

    public Path logs() {
        return options.dataDir().resolve("logs");
    }

    /** The edge keeps the logs of the environments' app processes here, one file per process. */
    public Path appLogs() {
        return options.dataDir().resolve("edge/logs");
    }

    public List<String> serviceNames() {
        return SERVICES;
    }

    /** Completes with the first process of the stack that stops, so callers can say which died. */
    public CompletableFuture<ManagedProcess> firstToStop() {
        return CompletableFuture.anyOf(processes.stream().map(ManagedProcess::onExit).toArray(CompletableFuture[]::new))
                .thenApply(ManagedProcess.class::cast);
    }

    /** True once {@link #close} has begun: processes stopping then are expected. */
    public boolean isClosing() {
        return closing;
    }

    private int port(String service) {
        ServicePorts p = options.ports();
        return switch (service) {
            case "ingest-service" -> p.ingest();
            case "build-service" -> p.build();
            case "deploy-service" -> p.deploy();
            case "verify-service" -> p.verify();
            case "notify-service" -> p.notifications();
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** The edge in its own JVM: its app processes are its children, stopped with it (SIGTERM). */
    List<String> edgeCommand() {
        Path target = options.root().resolve("edge/target");
        ServicePorts ports = options.ports();
        return List.of(java(), "-Xmx128m", "-cp", target.resolve("edge-0.1.0-SNAPSHOT.jar") + ":" + target.resolve("lib") + "/*",
                EDGE_MAIN, "--port", String.valueOf(ports.edge()), "--admin-port", String.valueOf(ports.edgeAdmin()),
                "--data-dir", options.dataDir().resolve("edge").toString());
    }

    private List<String> serviceCommand(String service) {
        return serviceCommand(service, postgres.jdbcUrl(options.database()), postgres.user());
    }

    /** A service's command line: no secret in it, so other users cannot read one in ps (see {@link #serviceEnv}). */
    List<String> serviceCommand(String service, String jdbcUrl, String databaseUser) {
        Path data = options.dataDir();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port(service),
                "-Dslipway.messaging.bootstrap-servers=" + kafkaBootstrap(),
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + databaseUser,
                // the file of token hashes, never a token: the command line is visible to every user in ps
                "-Dslipway.auth.tokens-file=" + tokensFile()));
        Path settings = settingsFile();
        if (Files.isRegularFile(settings)) {
            // the operator's own settings (channels, GitHub token, mailer): a path here, its secrets stay in the file
            command.add("-Dquarkus.config.locations=" + settings.toUri());
        }
        switch (service) {
            case "ingest-service" -> command.add("-Dslipway.ingest.git-cache-dir=" + data.resolve("ingest/git"));
            case "build-service" -> command.add("-Dslipway.build.data-dir=" + data.resolve("build"));
            case "deploy-service" -> {
                command.add("-Dslipway.deploy.data-dir=" + data.resolve("deploy"));
                command.add("-Dslipway.deploy.build-service-url=" + url("build-service"));
                command.add("-Dslipway.deploy.edge.admin-url=" + edgeAdminUrl());
                command.add("-Dslipway.deploy.edge.public-url=" + edgeUrl());
            }
            case "verify-service" -> {
                if (options.bakeWindow() != null) {
                    command.add("-Dslipway.verify.bake-window=" + options.bakeWindow());
                }
            }
            default -> { }
        }
        command.add("-jar");
        command.add(options.root().resolve(service + "/target/quarkus-app/quarkus-run.jar").toString());
        return command;
    }

    /** Secrets go through the environment, not the command line, so other users cannot read them in ps. */
    private Map<String, String> serviceEnv(String service) {
        return serviceEnv(service, postgres.password());
    }

    Map<String, String> serviceEnv(String service, String databasePassword) {
        Map<String, String> env = new LinkedHashMap<>(options.environment());
        env.put("QUARKUS_DATASOURCE_PASSWORD", databasePassword);
        if (service.equals("ingest-service")) {
            env.put("SLIPWAY_INGEST_ENCRYPTION_KEY", encryptionKey("ingest-encryption.key"));
        }
        if (service.equals("deploy-service")) {
            env.put("SLIPWAY_DEPLOY_ENCRYPTION_KEY", encryptionKey("deploy-encryption.key"));
        }
        if (service.equals("notify-service") && !options.slackWebhookUrls().isEmpty()) {
            env.put("SLIPWAY_NOTIFY_SLACK_WEBHOOK_URLS", String.join(",", options.slackWebhookUrls()));
        }
        return env;
    }

    /**
     * A key that encrypts secrets at rest (base64 of 32 random bytes): {@code ingest-encryption.key} for webhook
     * secrets, {@code deploy-encryption.key} for environment secrets. Made once per data directory, in
     * {@code secrets/}, readable only by its owner.
     */
    String encryptionKey(String fileName) {
        Path file = options.dataDir().resolve("secrets").resolve(fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                // created owner-only, so the key is never readable by others, not even for a moment
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void resetSchemas() {
        try (Connection c = postgres.connect(options.database()); Statement s = c.createStatement()) {
            for (String schema : List.of("ingest", "build", "deploy", "verify", "notify")) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            throw new CliException("cannot reset database " + options.database() + ": " + e.getMessage());
        }
    }

    private void checkBuilt() {
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            if (!Files.exists(options.root().resolve(service + "/target/quarkus-app/quarkus-run.jar"))) {
                missing.add(service);
            }
        }
        if (!Files.isDirectory(options.root().resolve("local-infra/target/lib"))) {
            missing.add("local-infra");
        }
        if (!Files.exists(options.root().resolve("edge/target/edge-0.1.0-SNAPSHOT.jar"))
                || !Files.isDirectory(options.root().resolve("edge/target/lib"))) {
            missing.add("edge");
        }
        if (!missing.isEmpty()) {
            throw new CliException("not built yet: " + String.join(", ", missing)
                    + " — run ./mvnw -DskipTests package in " + options.root());
        }
    }

    private static void requireFree(String user, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new CliException("port " + port + " (for the " + user + ") is taken — is Slipway already running, "
                    + "or another program on that port? Stop it first.");
        }
    }

    private void awaitLogLine(ManagedProcess process, String line) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new CliException(process.name() + " stopped while starting:\n" + process.tail(30));
            }
            try {
                if (Files.exists(process.log()) && Files.readString(process.log()).contains(line)) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pause();
        }
        throw new CliException(process.name() + " did not start in " + READY_TIMEOUT.toMinutes() + " min; see " + process.log());
    }

    private void awaitReady(ManagedProcess process, int port) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new CliException(process.name() + " stopped while starting (log " + process.log() + "):\n"
                        + process.tail(30));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
            pause();
        }
        throw new CliException(process.name() + " was not ready in " + READY_TIMEOUT.toMinutes() + " min; see " + process.log());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        closing = true;
        // services first, so none of them logs a storm of errors about a missing broker or edge; then the broker;
        // the edge last, so the environments serve until the end and their processes stop gracefully with it
        for (int i = processes.size() - 1; i >= 0; i--) {
            if (processes.get(i) != edge) {
                processes.get(i).stop();
            }
        }
        if (edge != null) {
            edge.stop(EDGE_STOP_GRACE);
        }
        processes.clear();
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
