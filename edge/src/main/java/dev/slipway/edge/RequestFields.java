package dev.slipway.edge;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of one JSON object of an admin request, read with their type checked; every error names the field
 * by its full path ({@code services[1].route}). Values are never quoted back: some are secrets.
 */
final class RequestFields {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    private final String prefix;

    private RequestFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    static RequestFields root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AdminException.badRequest("the body must be a JSON object", null);
        }
        return new RequestFields(body, "");
    }

    String name(String field) {
        return prefix + field;
    }

    /** A misspelt field must not be ignored silently: it would run a release other than the one meant. */
    RequestFields allowOnly(Set<String> fields) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw AdminException.badRequest("unknown field " + name(field) + "; known: " + String.join(", ", fields),
                        name(field));
            }
        }
        return this;
    }

    boolean isAbsent(String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    String text(String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw AdminException.badRequest(name(field) + " is required and must be a non-blank string", name(field));
        }
        return value.asText();
    }

    long positiveLong(String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
            throw AdminException.badRequest(name(field) + " is required and must be a whole number of at least 1",
                    name(field));
        }
        return value.asLong();
    }

    /** An absolute path of an existing directory, as the real path (links resolved). */
    Path directory(String field) {
        String text = text(field);
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw AdminException.badRequest(name(field) + " is not a path: " + e.getReason(), name(field));
        }
        if (!path.isAbsolute()) {
            throw AdminException.badRequest(name(field) + " must be an absolute path, not '" + Names.shorten(text) + "'",
                    name(field));
        }
        if (!Files.isDirectory(path)) {
            throw AdminException.badRequest(name(field) + " " + Names.shorten(text) + " is not an existing directory",
                    name(field));
        }
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            throw AdminException.badRequest(name(field) + " " + Names.shorten(text) + " cannot be read: " + e,
                    name(field));
        }
    }

    RequestFields object(String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw AdminException.badRequest(name(field) + " must be an object", name(field));
        }
        return new RequestFields(value, name(field) + ".");
    }

    /** An absent or null array is empty. */
    List<RequestFields> objects(String field) {
        if (isAbsent(field)) {
            return List.of();
        }
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw AdminException.badRequest(name(field) + " must be an array", name(field));
        }
        List<RequestFields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = name(field) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw AdminException.badRequest(item + " must be an object", item);
            }
            items.add(new RequestFields(value.get(i), item + "."));
        }
        return items;
    }

    /** Environment variables: an absent or null object is empty; errors name the variable, never its value. */
    Map<String, String> variables(String field) {
        if (isAbsent(field)) {
            return Map.of();
        }
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw AdminException.badRequest(name(field) + " must be an object of strings", name(field));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String variable = name(field) + "." + entry.getKey();
            if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                throw AdminException.badRequest(variable + ": a variable name is letters, digits and underscores,"
                        + " not starting with a digit", variable);
            }
            if (!entry.getValue().isTextual()) {
                throw AdminException.badRequest(variable + " must be a string", variable);
            }
            variables.put(entry.getKey(), entry.getValue().asText());
        }
        return variables;
    }
}
