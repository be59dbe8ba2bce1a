package dev.slipway.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Who may call the {@code /api} endpoints. Webhooks are authenticated by their HMAC signature instead. */
@ConfigMapping(prefix = "slipway.auth")
public interface AuthConfig {

    /** false opens {@code /api} to anyone who reaches the port: every caller is the deployer {@code anonymous}. */
    @WithDefault("true")
    boolean enabled();

    /**
     * One token a line, {@code <name> <role> sha256:<hex>}, written by {@code ./slipway token create}; re-read
     * when it changes.
     */
    @WithDefault("${user.home}/.slipway/tokens")
    Path tokensFile();
}
