package dev.slipway.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * API tokens for a service's access tests: real tokens in the real format, written to a tokens file the way
 * {@code slipway token create} writes them. Derived from fixed seeds, so the test profile and the test class
 * (loaded by different class loaders) agree on them.
 */
public final class TestTokens {
    public static final Path FILE = Path.of("target/auth-test/tokens");
    public static final String VIEWER = token("viewer");
    public static final String DEPLOYER = token("deployer");
    /** A deployer whose line a test removes, to see the revocation take effect. */
    public static final String LEAVER = token("leaver");

    private TestTokens() {
    }

    /** Authentication on, with the viewer {@code ci}, the deployers {@code alice} and {@code leaver}. */
    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write(lines());
            return Map.of("slipway.auth.enabled", "true", "slipway.auth.tokens-file", FILE.toAbsolutePath().toString());
        }

        protected List<String> lines() {
            return List.of("# written by the access tests", line("ci", "viewer", VIEWER),
                    line("alice", "deployer", DEPLOYER), line("leaver", "deployer", LEAVER));
        }
    }

    public static String token(String seed) {
        return "slw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("slipway test " + seed));
    }

    /** A tokens-file line: {@code <name> <role> sha256:<hex>}. */
    public static String line(String name, String role, String token) {
        return name + " " + role + " sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    public static void write(List<String> lines) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
