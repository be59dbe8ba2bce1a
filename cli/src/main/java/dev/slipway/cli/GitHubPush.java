package dev.slipway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A push delivery shaped like GitHub's (the fields of GitHub's push webhook that Slipway reads, and their neighbours). */
final class GitHubPush {
    static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private GitHubPush() {
    }

    static byte[] payload(String fullName, String cloneUrl, String branch, String before, String after, String message) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        String name = fullName.substring(fullName.indexOf('/') + 1);
        String now = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("ref", "refs/heads/" + branch);
        root.put("before", before);
        root.put("after", after);
        root.put("created", before.equals(ZERO_SHA));
        root.put("deleted", false);
        root.put("forced", false);
        root.putNull("base_ref");
        root.put("compare", "https://github.com/" + fullName + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12));
        ObjectNode commit = Http.JSON.createObjectNode();
        commit.put("id", after);
        commit.put("tree_id", after);
        commit.put("distinct", true);
        commit.put("message", message);
        commit.put("timestamp", now);
        commit.putObject("author").put("name", "Slipway Demo").put("email", "demo@slipway.invalid").put("username", owner);
        commit.putObject("committer").put("name", "Slipway Demo").put("email", "demo@slipway.invalid").put("username", owner);
        root.putArray("commits").add(commit);
        root.set("head_commit", commit.deepCopy());
        ObjectNode repository = root.putObject("repository");
        repository.put("name", name);
        repository.put("full_name", fullName);
        repository.put("private", false);
        repository.putObject("owner").put("login", owner).put("name", owner);
        repository.put("html_url", "https://github.com/" + fullName);
        repository.put("clone_url", cloneUrl);
        repository.put("default_branch", "main");
        root.putObject("pusher").put("name", owner).put("email", "demo@slipway.invalid");
        root.putObject("sender").put("login", owner).put("type", "User");
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
