package dev.slipway.ingest.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an opened or updated pull request is built from, and where its slipway.yml is read, decided before any git
 * runs; or why it is not built at all. The repository's own branches are built from its registered clone URL at the
 * head commit. A fork's pull request is built only when {@link ForkPullRequests#BUILD} is set, from the fork's
 * repository on the registered repository's host, under the slipway.yml at the tip of the repository's default
 * branch.
 */
public sealed interface PullRequestSource {

    /**
     * @param cloneUrl   where the build fetches the head commit
     * @param specBranch the branch of the registered repository slipway.yml is read from
     * @param specCommit the commit it is read at; empty for the branch's tip, as fetched now
     */
    record Build(String cloneUrl, String specBranch, Optional<String> specCommit) implements PullRequestSource {
    }

    record Ignore(String reason) implements PullRequestSource {
    }

    /**
     * @param pullRequest          an opened, synchronized or reopened pull request whose head repository still exists
     * @param registeredFullName   the registered repository's full name, {@code owner/name}
     * @param registeredCloneUrl   the clone URL it was registered with
     */
    static PullRequestSource of(PullRequest pullRequest, ForkPullRequests forks, String registeredFullName,
                                String registeredCloneUrl) {
        if (!pullRequest.fromFork()) {
            return new Build(registeredCloneUrl, pullRequest.headRef(), Optional.of(pullRequest.headSha()));
        }
        int number = pullRequest.number();
        String fork = pullRequest.headRepository();
        if (forks == ForkPullRequests.IGNORE) {
            return new Ignore("pull request #" + number + " comes from a fork (" + fork + "); forks are not built "
                    + "here: their tests would run with the build service's user. Set " + ForkPullRequests.PROPERTY
                    + "=build where builds are isolated");
        }
        try {
            RepositoryRegistration.checkFullName(fork);
        } catch (InvalidInputException e) {
            return new Ignore("pull request #" + number + ": pull_request.head.repo.full_name '" + fork
                    + "' is not a GitHub owner/name; the fork is not fetched");
        }
        Optional<String> prefix = hostPrefix(registeredCloneUrl, registeredFullName);
        if (prefix.isEmpty()) {
            return new Ignore("pull request #" + number + " comes from fork " + fork + ", but the clone URL "
                    + registeredFullName + " is registered with does not end with " + registeredFullName
                    + ", so where the fork lives on that host is unknown; it is not fetched");
        }
        String expected = prefix.get() + fork + ".git";
        String given = pullRequest.headCloneUrl();
        if (!expected.equals(given) && !(prefix.get() + fork).equals(given)) {
            // the given URL is not repeated: it is not ours, and could point anywhere or carry anything
            return new Ignore("pull request #" + number + ": pull_request.head.repo.clone_url is not " + expected
                    + " (with or without .git), where fork " + fork + " lives next to " + registeredFullName
                    + "; it is not fetched");
        }
        return new Build(given, pullRequest.defaultBranch(), Optional.empty());
    }

    /**
     * What comes before {@code owner/name} in the URLs of repositories on the registered repository's host: for https
     * (and file, in tests) the registered URL without its trailing {@code owner/name[.git]}; for ssh and
     * {@code git@host:} the host over https, which is where GitHub serves forks' clone URLs.
     *
     * @return empty when the registered URL does not end with the registered name, so no sibling can be derived
     */
    static Optional<String> hostPrefix(String registeredCloneUrl, String registeredFullName) {
        String url = registeredCloneUrl.replaceAll("/+$", "");
        if (url.startsWith("git@")) {
            return Optional.of("https://" + url.substring("git@".length(), url.indexOf(':')) + "/");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "ssh" -> {
                return uri.getHost() == null ? Optional.empty() : Optional.of("https://" + uri.getHost() + "/");
            }
            case "https", "file" -> {
                String lower = url.toLowerCase(Locale.ROOT);
                String name = "/" + registeredFullName.toLowerCase(Locale.ROOT);
                for (String suffix : new String[] {name + ".git", name}) {
                    if (lower.endsWith(suffix)) {
                        return Optional.of(url.substring(0, url.length() - suffix.length() + 1));
                    }
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
