package dev.slipway.ingest.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** GitHub's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the exact body bytes. */
public final class WebhookSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private WebhookSignature() {
    }

    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
    }

    /** True only when {@code header} is a well-formed signature of {@code body} under {@code secret}. */
    public static boolean verify(byte[] body, String secret, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + HEX_LENGTH) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // constant time, so response timing does not reveal how many leading bytes matched
        return MessageDigest.isEqual(hmac(body, secret), given);
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
