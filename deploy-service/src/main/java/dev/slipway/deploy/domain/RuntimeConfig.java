package dev.slipway.deploy.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration a release runs with: the environment's variables from {@code slipway.yml} and its secrets,
 * decrypted, as they were when the deployment started. Its text form names secrets but never shows them.
 */
public record RuntimeConfig(Map<String, String> variables, Map<String, String> secrets) {
    public static final RuntimeConfig EMPTY = new RuntimeConfig(Map.of(), Map.of());

    public RuntimeConfig {
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
        secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    }

    /** Variables and secrets as one process environment; a secret wins over a variable of the same name. */
    public Map<String, String> merged() {
        Map<String, String> env = new TreeMap<>(variables);
        env.putAll(secrets);
        return env;
    }

    @Override
    public String toString() {
        return "RuntimeConfig[variables=" + variables + ", secrets=" + secrets.keySet() + " (values hidden)]";
    }
}
