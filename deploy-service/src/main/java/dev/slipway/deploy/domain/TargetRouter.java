package dev.slipway.deploy.domain;

import dev.slipway.events.TargetSettings;

import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the target of an environment from its settings: the embedded {@code local} one, or the remote one
 * (Netlify for the static component, Hugging Face Spaces for the service) when {@code slipway.yml} names them.
 */
public final class TargetRouter {
    private final DeployTarget local;
    private final DeployTarget remote;

    public TargetRouter(DeployTarget local, DeployTarget remote) {
        this.local = local;
        this.remote = remote;
    }

    public DeployTarget of(TargetSettings settings) {
        return settings == null ? local : remote;
    }

    /** The secrets that hold the targets' API tokens: Slipway uses them, the release's processes never get them. */
    public static Set<String> tokenSecrets(TargetSettings settings) {
        Set<String> names = new TreeSet<>();
        if (settings != null && settings.netlify() != null) {
            names.add(settings.netlify().tokenSecret());
        }
        if (settings != null && settings.huggingface() != null) {
            names.add(settings.huggingface().tokenSecret());
        }
        return names;
    }

    /** The name recorded with a deployment and carried in its events: {@code local}, {@code netlify+huggingface}, ... */
    public static String nameOf(TargetSettings settings) {
        if (settings == null) {
            return LocalTarget.NAME;
        }
        if (settings.netlify() != null && settings.huggingface() != null) {
            return "netlify+huggingface";
        }
        return settings.netlify() != null ? "netlify" : "huggingface";
    }
}
