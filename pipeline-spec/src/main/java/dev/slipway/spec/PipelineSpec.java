package dev.slipway.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A parsed {@code slipway.yml}. Components and environments keep the order of the file. */
public record PipelineSpec(String app, List<ComponentSpec> components, List<EnvironmentSpec> environments,
                           PreviewSpec previews) {

    public static final String FILE_NAME = "slipway.yml";
    /** Starts the name of every preview environment; declared environments may not use it. */
    public static final String PREVIEW_PREFIX = "preview-";

    /** What every app, component and environment name must look like (it is used in paths and URLs). */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_NAME = 63;
    private static final int HASH_CHARS = 6;
    private static final Pattern FORK_PREVIEW = Pattern.compile("pr-[0-9]+");

    public PipelineSpec {
        components = List.copyOf(components);
        environments = List.copyOf(environments);
    }

    /** The environment that pushes to {@code branch} deploy to, if any. */
    public Optional<EnvironmentSpec> environmentForBranch(String branch) {
        return environments.stream().filter(e -> e.branch().equals(branch)).findFirst();
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The variables and required environments of a deploy: those of the declared environment {@code environment},
     * or, when {@code preview}, those of the previews.
     *
     * @return empty when this file does not declare {@code environment}, or turns previews off for a preview
     */
    public Optional<DeploySettings> settingsFor(String environment, boolean preview) {
        if (preview) {
            return previews.enabled()
                    ? Optional.of(new DeploySettings(previews.variables(), List.of(), true, Map.of(), previews.target()))
                    : Optional.empty();
        }
        return environment(environment).map(e -> new DeploySettings(e.variables(), e.requires(), false, e.health(),
                e.target()));
    }

    /**
     * The preview environment of {@code branch}: {@code preview-<branch>} when the branch is already a valid name
     * and the result fits 63 characters, else {@code preview-<slug>-<6 hex of sha256(branch)>}. The hash keeps
     * branches apart that slug alike ({@code feature/x}, {@code Feature_X}); the same branch always gets the
     * same name, so its later pushes and its deletion reach the same environment. Branches named like
     * {@code pr-7} are hashed too: {@code preview-pr-<n>} belongs to forks' pull requests.
     */
    public static String previewEnvironmentName(String branch) {
        String plain = PREVIEW_PREFIX + branch;
        if (NAME.matcher(branch).matches() && plain.length() <= MAX_NAME && !FORK_PREVIEW.matcher(branch).matches()) {
            return plain;
        }
        String hash = sha256Hex(branch).substring(0, HASH_CHARS);
        int room = MAX_NAME - PREVIEW_PREFIX.length() - 1 - HASH_CHARS;
        String slug = branch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > room) {
            slug = slug.substring(0, room).replaceAll("-+$", "");
        }
        return PREVIEW_PREFIX + (slug.isEmpty() ? "" : slug + "-") + hash;
    }

    /** The preview of a fork's pull request; no branch's preview is ever named so. */
    public static String forkPreviewEnvironmentName(int pullRequest) {
        return PREVIEW_PREFIX + "pr-" + pullRequest;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
