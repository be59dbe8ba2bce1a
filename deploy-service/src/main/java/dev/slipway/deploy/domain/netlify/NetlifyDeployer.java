package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blue-green on Netlify: a release goes up as a draft deploy (the idle slot) that is verified at its own URL,
 * publishing it is the switch, and publishing an older deploy again is the rollback.
 */
public final class NetlifyDeployer {

    private static final int PROGRESS_EVERY = 25;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final NetlifyClient client;

    public NetlifyDeployer(NetlifyClient client) {
        this.client = client;
    }

    /**
     * Deploys a static site as a draft and waits until Netlify has it ready. Only the files Netlify does not have
     * yet (by SHA-1, across the site's earlier deploys) are uploaded.
     *
     * @param siteDir    the site's unpacked files
     * @param extraFiles generated files by path ({@code /_redirects}); they replace a file of the same path
     * @param variables  environment variables of this deploy alone (the site's own are left as they are); their
     *                   values are never logged
     * @param branch     the branch for a branch deploy, null for production
     * @param title      the deploy's title shown in Netlify, or null
     * @throws NetlifyException when Netlify refuses, fails the deploy or does not get it ready in time
     * @throws DeployException  when the site's files cannot be deployed (a link leading outside it, no files) or a
     *                          variable's name or value cannot be; nothing has reached Netlify then
     */
    public NetlifyDraft createDraft(String siteId, Path siteDir, Map<String, byte[]> extraFiles,
                                    Map<String, String> variables, String branch, String title, DeployLog log) {
        checkVariables(variables);
        Map<String, SiteFiles.Entry> files = SiteFiles.scan(siteDir, extraFiles);
        if (files.isEmpty()) {
            throw new DeployException("nothing to deploy to Netlify: " + siteDir + " has no files");
        }
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, List<SiteFiles.Entry>> bySha = new LinkedHashMap<>();
        files.values().forEach(entry -> {
            digests.put(entry.path(), entry.sha1());
            bySha.computeIfAbsent(entry.sha1(), sha -> new ArrayList<>()).add(entry);
        });

        if (!variables.isEmpty()) {
            log.line("netlify: " + variables.size() + " environment variable" + (variables.size() == 1 ? "" : "s")
                    + " for this deploy");
        }
        NetlifyDeploy deploy = client.createDraftDeploy(siteId, digests, variables, branch, title);
        // as Netlify's CLI: every file of a required digest goes up, so each of its paths is filled in
        List<SiteFiles.Entry> uploads = new ArrayList<>();
        for (String sha : new LinkedHashSet<>(deploy.required())) {
            List<SiteFiles.Entry> entries = bySha.get(sha);
            if (entries == null) {
                throw new NetlifyException("netlify: deploy '" + deploy.id() + "' asks for " + sha
                        + ", which is none of the files sent", 0, true);
            }
            uploads.addAll(entries);
        }
        log.line("netlify: " + files.size() + " files, " + uploads.size() + " to upload");

        int done = 0;
        for (SiteFiles.Entry entry : uploads) {
            client.uploadFile(deploy.id(), entry.path(), entry.read());
            done++;
            if (done % PROGRESS_EVERY == 0 || done == uploads.size()) {
                log.line("netlify: uploaded " + done + "/" + uploads.size());
            }
        }

        NetlifyDeploy ready = client.awaitReady(deploy.id());
        URI url = ready.url().orElseThrow(() -> new NetlifyException(
                "netlify: deploy '" + deploy.id() + "' is ready but Netlify gave no URL for it", 0, true));
        log.line("netlify: deploy " + deploy.id() + " ready at " + url);
        return new NetlifyDraft(deploy.id(), url);
    }

    /** Makes the site serve this deploy: the switch to a verified draft, and the rollback to an earlier deploy. */
    public void publish(String siteId, String deployId) {
        client.restoreDeploy(siteId, deployId);
    }

    /** The deploy the site serves now; empty before anything was published. */
    public Optional<String> publishedDeployId(String siteId) {
        return client.getSite(siteId).publishedDeployId();
    }

    private static void checkVariables(Map<String, String> variables) {
        if (variables == null) {
            throw new IllegalArgumentException("the Netlify deploy's variables are missing: pass an empty map for none");
        }
        variables.forEach((key, value) -> {
            if (key == null || !VARIABLE_NAME.matcher(key).matches()) {
                throw new DeployException("a Netlify environment variable name is letters, digits and _, not starting"
                        + " with a digit, got '" + key + "'");
            }
            if (value == null) {
                throw new DeployException("the Netlify environment variable " + key + " has no value");
            }
        });
    }
}
