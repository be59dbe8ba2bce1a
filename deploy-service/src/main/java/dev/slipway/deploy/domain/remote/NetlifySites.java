package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.netlify.NetlifyClient;
import dev.slipway.deploy.domain.netlify.NetlifyDeployer;
import dev.slipway.deploy.domain.netlify.NetlifyDraft;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Netlify as the host of a release's static component, each call with its environment's token. */
public final class NetlifySites implements StaticSiteHost {
    private final Function<String, NetlifyClient> clients;

    /** @param clients a client for a token */
    public NetlifySites(Function<String, NetlifyClient> clients) {
        this.clients = clients;
    }

    @Override
    public Draft draft(String site, String token, Path siteDir, Map<String, byte[]> extraFiles,
                       Map<String, String> variables, String branch, String title, DeployLog log) {
        NetlifyDraft draft = deployer(token).createDraft(site, siteDir, extraFiles, variables, branch, title, log);
        return new Draft(draft.deployId(), draft.url());
    }

    @Override
    public void publish(String site, String token, String deployId) {
        deployer(token).publish(site, deployId);
    }

    @Override
    public Optional<String> publishedDeployId(String site, String token) {
        return deployer(token).publishedDeployId(site);
    }

    @Override
    public URI siteUrl(String site, String token) {
        return clients.apply(token).getSite(site).publicUrl()
                .orElseThrow(() -> new DeployException("Netlify site " + site + " has no URL"));
    }

    private NetlifyDeployer deployer(String token) {
        return new NetlifyDeployer(clients.apply(token));
    }
}
