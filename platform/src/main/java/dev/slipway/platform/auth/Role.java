package dev.slipway.platform.auth;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do: a viewer reads, a deployer also changes things. */
public enum Role {
    VIEWER,
    DEPLOYER;

    /** The name in the tokens file and in answers: {@code viewer}, {@code deployer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A deployer may do whatever a viewer may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** @return empty unless {@code label} is exactly {@code viewer} or {@code deployer} */
    public static Optional<Role> fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
