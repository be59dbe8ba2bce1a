package dev.slipway.ingest.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** A repository Slipway accepts webhooks for: its GitHub full name, where to fetch it from and the webhook secret. */
public record RepositoryRegistration(String fullName, String cloneUrl, String secret) {
    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}");
    private static final Pattern SCP_LIKE = Pattern.compile("git@[A-Za-z0-9.-]+:\\S+");
    private static final Pattern WHITESPACE_OR_CONTROL = Pattern.compile("[\\s\\p{Cntrl}]");

    /** @throws InvalidInputException naming the first field that is wrong */
    public RepositoryRegistration {
        checkFullName(fullName);
        checkCloneUrl(cloneUrl);
        if (secret == null || secret.isBlank()) {
            throw new InvalidInputException("secret", "secret is required: the webhook secret configured on GitHub");
        }
    }

    public static void checkFullName(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            throw new InvalidInputException("fullName", "fullName is required: the repository's GitHub full name 'owner/repo'");
        }
        String repo = fullName.substring(fullName.indexOf('/') + 1);
        if (!FULL_NAME.matcher(fullName).matches() || repo.equals(".") || repo.equals("..")) {
            throw new InvalidInputException("fullName", "fullName must be GitHub's 'owner/repo', got '" + fullName + "'");
        }
    }

    /**
     * The URL forms git is run with: https, ssh, git@host:path and file. The URL is not echoed in these messages: a
     * rejected one may carry a token.
     *
     * @throws InvalidInputException naming field {@code cloneUrl}
     */
    public static void checkCloneUrl(String cloneUrl) {
        if (cloneUrl == null || cloneUrl.isBlank()) {
            throw new InvalidInputException("cloneUrl", "cloneUrl is required: the URL Slipway fetches the repository from");
        }
        if (WHITESPACE_OR_CONTROL.matcher(cloneUrl).find()) {
            throw new InvalidInputException("cloneUrl", "cloneUrl must not contain spaces or control characters");
        }
        if (cloneUrl.startsWith("git@")) {
            if (!SCP_LIKE.matcher(cloneUrl).matches()) {
                throw new InvalidInputException("cloneUrl", "cloneUrl in the git@host:path form needs a host and a path");
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(cloneUrl);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("cloneUrl", "cloneUrl is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "https" -> {
                if (uri.getHost() == null) {
                    throw new InvalidInputException("cloneUrl", "cloneUrl https:// URL has no host");
                }
                if (uri.getRawUserInfo() != null) {
                    // it would travel in events and answers; use SSH or a git credential helper instead
                    throw new InvalidInputException("cloneUrl", "cloneUrl must not carry credentials; "
                            + "use an ssh URL or a git credential helper for private repositories");
                }
            }
            case "ssh" -> {
                if (uri.getHost() == null) {
                    throw new InvalidInputException("cloneUrl", "cloneUrl ssh:// URL has no host");
                }
                if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
                    throw new InvalidInputException("cloneUrl", "cloneUrl must not carry a password; use an SSH key");
                }
            }
            case "file" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new InvalidInputException("cloneUrl", "cloneUrl file: URL has no path");
                }
            }
            default -> throw new InvalidInputException("cloneUrl",
                    "cloneUrl must be an https://, ssh://, git@host:path or file: URL");
        }
    }

    @Override
    public String toString() {
        return "RepositoryRegistration[fullName=" + fullName + ", cloneUrl=" + cloneUrl + ", secret=***]";
    }
}
