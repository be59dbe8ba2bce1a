package dev.slipway.platform.security;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals secrets with AES-256-GCM: a random 12-byte IV per secret, stored in front of the ciphertext and
 * its tag. The caller's context (the repository name) is bound as associated data, so a sealed secret
 * copied onto another row does not open.
 */
public final class SecretCipher {
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyProperty;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key, String keyProperty) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyProperty = keyProperty;
    }

    /**
     * @param base64Key   the configured key; the message of a failure says how to make a good one
     * @param keyProperty the configuration property it came from, named in every error
     */
    public static SecretCipher fromBase64Key(String base64Key, String keyProperty) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(keyProperty + " is not set; set it to the base64 of 32 random bytes"
                    + " (for example the output of 'openssl rand -base64 32')");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyProperty + " is not valid base64; set it to the base64 of 32 random bytes");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException(keyProperty + " decodes to " + raw.length
                    + " bytes; AES-256 needs exactly 32 (for example 'openssl rand -base64 32')");
        }
        return new SecretCipher(raw, keyProperty);
    }

    public byte[] seal(String secret, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, iv, context, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
    }

    /** @throws IllegalStateException when the sealed bytes were altered, or sealed under another key or context */
    public String open(byte[] sealed, String context) {
        if (sealed.length <= IV_BYTES) {
            throw new IllegalStateException("sealed secret of " + context + " is truncated");
        }
        byte[] iv = Arrays.copyOfRange(sealed, 0, IV_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(sealed, IV_BYTES, sealed.length);
        return new String(run(Cipher.DECRYPT_MODE, iv, context, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] iv, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the secret of " + context
                    + " does not open: it was sealed under another " + keyProperty + " or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed for " + context + ": " + e.getMessage(), e);
        }
    }
}
