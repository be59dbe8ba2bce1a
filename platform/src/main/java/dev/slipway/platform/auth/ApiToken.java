package dev.slipway.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One line of the tokens file: the server knows a token only by its SHA-256, so the file leaks no usable token.
 *
 * @param sha256 the SHA-256 of the token's UTF-8 bytes
 */
public record ApiToken(String name, Role role, byte[] sha256) {

    /** Compared in constant time, so the answer's timing says nothing about how close a guess was. */
    public boolean matches(byte[] presentedSha256) {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Without the hash: a record's default would print the array's identity, which helps no one. */
    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", role=" + role.label() + "]";
    }
}
