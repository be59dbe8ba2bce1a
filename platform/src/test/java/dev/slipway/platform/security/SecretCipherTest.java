package dev.slipway.platform.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets at rest (FR-009). */
class SecretCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SecretCipher cipher = SecretCipher.fromBase64Key(KEY, "slipway.ingest.encryption-key");

    @Test
    void sealedSecretOpensWithTheSameKeyAndContext() {
        byte[] sealed = cipher.seal("It's a Secret to Everybody", "owner/repo");

        assertThat(cipher.open(sealed, "owner/repo")).isEqualTo("It's a Secret to Everybody");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Secret");
        assertThat(sealed).hasSize(12 + "It's a Secret to Everybody".length() + 16);
    }

    @Test
    void everySealingUsesAFreshIv() {
        byte[] first = cipher.seal("same", "owner/repo");
        byte[] second = cipher.seal("same", "owner/repo");

        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void alteredBytesOtherContextOrOtherKeyDoNotOpen() {
        byte[] sealed = cipher.seal("secret", "owner/repo");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        SecretCipher otherKey = SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'), "slipway.ingest.encryption-key");

        assertThatThrownBy(() -> cipher.open(altered, "owner/repo")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> cipher.open(sealed, "owner/other")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> otherKey.open(sealed, "owner/repo")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> cipher.open(new byte[5], "owner/repo")).hasMessageContaining("truncated");
    }

    @Test
    void missingOrMalformedKeySaysWhatIsWrong() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(null, "slipway.ingest.encryption-key"))
                .hasMessageContaining("slipway.ingest.encryption-key is not set").hasMessageContaining("32 random bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(" ", "slipway.ingest.encryption-key"))
                .hasMessageContaining("slipway.ingest.encryption-key is not set");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("not base64!", "slipway.ingest.encryption-key"))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16]), "slipway.ingest.encryption-key"))
                .hasMessageContaining("decodes to 16 bytes").hasMessageContaining("exactly 32");
    }
}
