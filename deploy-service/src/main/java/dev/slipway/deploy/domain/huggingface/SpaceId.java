package dev.slipway.deploy.domain.huggingface;

import java.util.Locale;
import java.util.regex.Pattern;

/** A Space on the Hub, {@code owner/name}: the owner a user or an organization. */
public record SpaceId(String owner, String name) {
    // The Hub's rule for namespaces and repository names: letters, digits, '-', '_' and '.', at most 96.
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    public SpaceId {
        require(owner, "owner");
        require(name, "name");
    }

    /** @param id {@code owner/name}, e.g. {@code acme/shop-backend-green} */
    public static SpaceId parse(String id) {
        if (id == null || id.chars().filter(c -> c == '/').count() != 1) {
            throw new IllegalArgumentException("a Space is named owner/name, e.g. acme/shop-backend; got '" + id + "'");
        }
        int slash = id.indexOf('/');
        return new SpaceId(id.substring(0, slash), id.substring(slash + 1));
    }

    /** The host name label the Hub serves the Space's app at: {@code {owner}-{name}}, lower-case, '_' and '.' as '-'. */
    public String subdomain() {
        return hostForm(owner) + "-" + hostForm(name);
    }

    /** A name as the Hub puts it in a host name: lower-case, '_' and '.' as '-'. */
    public static String hostForm(String part) {
        return part.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }

    private static void require(String part, String what) {
        if (part == null || !PART.matcher(part).matches() || part.contains("--") || part.contains("..")
                || part.endsWith(".") || part.endsWith("-")) {
            throw new IllegalArgumentException("a Space's " + what + " must be letters, digits, '-', '_' and '.'"
                    + " (no '--' or '..', at most 96, not ending in '-' or '.'); got '" + part + "'");
        }
    }
}
