package dev.slipway.platform.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a token needs for this {@code /api} resource method. Without it a {@code GET} needs
 * {@link Role#VIEWER} and every other method {@link Role#DEPLOYER}, so a new mutating endpoint is never open to
 * viewers by accident; on mutating methods it states the intent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresRole {
    Role value();
}
