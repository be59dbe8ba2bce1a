package dev.slipway.notify.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signs webhook bodies the way GitHub signs its deliveries, so a receiver can reuse GitHub's verification code:
 * {@code X-Slipway-Signature-256: sha256=<lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the secret>}.
 * The key is a secret: it is in no {@code toString}, log or answer.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Slipway-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /** @param secret the shared key, as configured (its UTF-8 bytes are the HMAC key) */
    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret must not be empty");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body}: {@code sha256=<hex>}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    /** True when {@code header} is this key's signature of {@code body}; compared in constant time. */
    public boolean verify(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[HMAC-SHA256, key hidden]";
    }
}
