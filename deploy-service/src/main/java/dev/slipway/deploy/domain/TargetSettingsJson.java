package dev.slipway.deploy.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.TargetSettings;

/** Where an environment's releases go, as stored: JSON, or null for the {@code local} target. */
public final class TargetSettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetSettingsJson() {
    }

    public static String toJson(TargetSettings settings) {
        if (settings == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write target settings", e);
        }
    }

    public static TargetSettings fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, TargetSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored target settings are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
