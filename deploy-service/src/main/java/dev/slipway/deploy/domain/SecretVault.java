package dev.slipway.deploy.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.platform.security.SecretCipher;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Environment secrets at rest: each one sealed on its own, and each deployment's snapshot of them sealed as one
 * object. The associated data binds a sealed value to where it belongs, so a value copied to another
 * environment, name or deployment does not open.
 */
public final class SecretVault {
    public static final String KEY_PROPERTY = "slipway.deploy.encryption-key";
    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,254}");
    private static final int MAX_VALUE_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretCipher cipher;

    public SecretVault(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Rejects a name no process could read, or one Slipway sets itself. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name is an environment variable name: capital letters,"
                    + " digits and _, not starting with a digit; got '" + name + "'");
        }
        if (name.startsWith("SLIPWAY_") || name.equals("PORT")) {
            throw new IllegalArgumentException(name + " is set by Slipway itself; choose another name");
        }
        return name;
    }

    public static String requireValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the secret's value is empty");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the secret's value is longer than " + MAX_VALUE_CHARS + " characters");
        }
        return value;
    }

    public byte[] seal(String app, String environment, String name, String value) {
        return cipher.seal(requireValue(value), app + "/" + environment + "/" + requireName(name));
    }

    public String open(String app, String environment, String name, byte[] sealed) {
        return cipher.open(sealed, app + "/" + environment + "/" + name);
    }

    public byte[] sealSnapshot(String app, String environment, long version, Map<String, String> secrets) {
        try {
            return cipher.seal(JSON.writeValueAsString(new TreeMap<>(secrets)), snapshotContext(app, environment, version));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the secrets snapshot", e);
        }
    }

    /** The secrets a deployment started with; empty when it recorded none. */
    public Map<String, String> openSnapshot(String app, String environment, long version, byte[] sealed) {
        if (sealed == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(cipher.open(sealed, snapshotContext(app, environment, version)),
                    new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the secrets snapshot of " + app + "/" + environment + " v" + version
                    + " is not readable", e);
        }
    }

    private static String snapshotContext(String app, String environment, long version) {
        return app + "/" + environment + "/v" + version;
    }
}
