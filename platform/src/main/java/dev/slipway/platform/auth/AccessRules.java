package dev.slipway.platform.auth;

import jakarta.ws.rs.GET;

import java.lang.reflect.Method;
import java.util.Optional;

/** The role an {@code /api} resource method needs. */
final class AccessRules {

    private AccessRules() {
    }

    /**
     * @return empty for an {@link Unauthenticated} method; else its {@link RequiresRole}, else viewer for a
     * {@code GET} (also answering {@code HEAD}) and deployer for everything else, so a mutating method nobody
     * annotated stays closed to viewers
     */
    static Optional<Role> required(Method method) {
        if (method.isAnnotationPresent(Unauthenticated.class)) {
            return Optional.empty();
        }
        RequiresRole declared = method.getAnnotation(RequiresRole.class);
        if (declared != null) {
            return Optional.of(declared.value());
        }
        return Optional.of(method.isAnnotationPresent(GET.class) ? Role.VIEWER : Role.DEPLOYER);
    }
}
