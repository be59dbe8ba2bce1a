package dev.slipway.deploy.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** An environment's plain variables as they are stored: a JSON object of strings. */
public final class Variables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Variables() {
    }

    public static String toJson(Map<String, String> variables) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(variables));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write variables", e);
        }
    }

    public static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored variables are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
