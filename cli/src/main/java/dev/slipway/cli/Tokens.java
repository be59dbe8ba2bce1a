package dev.slipway.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ops API's tokens, as every service checks them: {@code slw_} and 43 characters (base64url of 32 random
 * bytes, no padding), kept only as {@code sha256:<hex>} in the tokens file, each with a name and a role.
 */
final class Tokens {
    static final String PREFIX = "slw_";
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,62}");
    static final Pattern TOKEN = Pattern.compile("slw_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token may do: viewers read, deployers also roll back, promote and resume. */
    enum Role {
        viewer, deployer
    }

    private Tokens() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of the token's UTF-8 bytes, as the tokens file keeps it. */
    static String hash(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The name of this machine's own deployer token: {@code local-} and the OS user name, lower-cased, with
     * anything the name pattern does not allow replaced by {@code -}, cut to fit.
     */
    static String localName(String userName) {
        String user = userName == null ? "" : userName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]", "-");
        if (user.isEmpty()) {
            user = "user";
        }
        String name = "local-" + user;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
