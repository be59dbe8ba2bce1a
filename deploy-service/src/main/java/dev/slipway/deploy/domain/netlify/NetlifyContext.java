package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.DeployException;

import java.util.List;

/**
 * A Netlify deploy context an environment variable value applies to ({@code envVarValue.context}); {@code branch}
 * is a context of its own for one branch, named in {@code context_parameter}.
 */
public record NetlifyContext(String name, String branch) {

    private static final List<String> NAMES =
            List.of("production", "deploy-preview", "branch-deploy", "dev", "dev-server", "all");
    private static final String BRANCH_PREFIX = "branch:";

    /** {@code production}, {@code deploy-preview}, {@code branch-deploy}, {@code dev}, {@code dev-server}, {@code all} or {@code branch:<name>}. */
    public static NetlifyContext parse(String text) {
        if (text != null && text.startsWith(BRANCH_PREFIX) && text.length() > BRANCH_PREFIX.length()) {
            return new NetlifyContext("branch", text.substring(BRANCH_PREFIX.length()));
        }
        if (text != null && NAMES.contains(text)) {
            return new NetlifyContext(text, null);
        }
        throw new DeployException("a Netlify deploy context is one of " + String.join(", ", NAMES)
                + " or branch:<name>, got '" + text + "'");
    }

    @Override
    public String toString() {
        return branch == null ? name : BRANCH_PREFIX + branch;
    }
}
