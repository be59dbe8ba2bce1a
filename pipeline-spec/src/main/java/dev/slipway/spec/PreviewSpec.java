package dev.slipway.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether pushes to branches no environment names deploy to a preview environment of their own, and the
 * variables those previews get.
 */
public record PreviewSpec(boolean enabled, Map<String, String> variables, TargetSpec target) {
    /** What a file without {@code previews:} means. */
    public static final PreviewSpec ENABLED = new PreviewSpec(true, Map.of(), null);
    public static final PreviewSpec DISABLED = new PreviewSpec(false, Map.of(), null);

    public PreviewSpec {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
