package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.ComponentKind;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.DeployTarget;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.PreparedRelease;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.VerifiedArtifacts;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.TargetSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Releases on hosted platforms: the static component on a Netlify site, the service on Hugging Face Docker
 * Spaces. Blue-green: each environment has two Spaces ({@code <space>-blue}, {@code <space>-green}); a release
 * goes to the idle one, and the site's draft deploy carries a {@code _redirects} proxy rule sending the
 * service's route to that Space. Publishing the draft switches the frontend and the backend it calls in one
 * step; restoring an earlier deploy switches both back. Previews are never published: a preview is served at
 * its draft's own URL.
 */
public final class RemoteTarget implements DeployTarget {
    private static final String REMOTE = "remote";
    /** How ingest names preview environments ({@code PipelineSpec.PREVIEW_PREFIX}). */
    private static final String PREVIEW_PREFIX = "preview-";

    private final Path dataDir;
    private final VerifiedArtifacts artifacts;
    private final StaticSiteHost sites;
    private final ServiceHost services;
    private final UrlReadiness readiness;

    /** @param dataDir states live under {@code {dataDir}/remote/} */
    public RemoteTarget(Path dataDir, VerifiedArtifacts artifacts, StaticSiteHost sites, ServiceHost services,
                        UrlReadiness readiness) {
        this.dataDir = dataDir;
        this.artifacts = artifacts;
        this.sites = sites;
        this.services = services;
        this.readiness = readiness;
    }

    @Override
    public URI environmentUrl(String app, String environment, TargetSettings settings) {
        RemoteState state = RemoteState.load(stateFile(app, environment));
        Optional<RemoteState.Slot> live = state.liveSlot();
        if (settings.netlify() == null) {
            return live.map(s -> URI.create(s.spaceUrl())).orElse(URI.create("https://huggingface.co/spaces/"
                    + settings.huggingface().space()));
        }
        if (isPreview(environment)) {
            return live.map(s -> URI.create(s.draftUrl()))
                    .orElse(URI.create("https://app.netlify.com/sites/" + settings.netlify().site()));
        }
        return URI.create(Optional.ofNullable(state.siteUrl())
                .orElse("https://" + settings.netlify().site() + ".netlify.app/"));
    }

    @Override
    public PreparedRelease prepare(Release release, DeployLog log) {
        TargetSettings settings = settingsOf(release);
        List<ReleaseComponent> statics = release.staticComponents();
        List<ReleaseComponent> services = release.services();
        if (services.size() > 1) {
            throw new DeployException("a Hugging Face Space runs one service; this release has " + services.size());
        }
        if (!statics.isEmpty() && settings.netlify() == null) {
            throw new DeployException("static component " + statics.get(0).name() + " has no Netlify site to go to");
        }
        if (!services.isEmpty() && settings.huggingface() == null) {
            throw new DeployException("service " + services.get(0).name() + " has no Hugging Face Space to go to");
        }
        Path stateFile = stateFile(release.app(), release.environment());
        RemoteState state = RemoteState.load(stateFile);
        String slot = state.idleSlot();
        log.line("preparing version " + release.version() + " in slot " + slot + " (" + TargetRouter.nameOf(settings)
                + ")");
        Path work = workDir(release);
        try {
            ServiceHost.Hosted hosted = null;
            if (!services.isEmpty()) {
                hosted = deployService(release, settings, services.get(0), slot, work, log);
            }
            StaticSiteHost.Draft draft = null;
            if (!statics.isEmpty()) {
                draft = draftSite(release, settings, statics.get(0), services, hosted, work, log);
                state = state.withSiteUrl(sites.siteUrl(settings.netlify().site(), token(release,
                        settings.netlify().tokenSecret())).toString());
                // the draft's own URL reaches the service through the proxy rule: the pair is checked as it will run
                readiness.await(release.checks(draft.url()), "draft " + draft.deployId(), log);
            }
            state = state.withSlot(slot, new RemoteState.Slot(release.version(),
                    draft == null ? null : draft.deployId(), draft == null ? null : draft.url().toString(),
                    hosted == null ? null : hosted.space(), hosted == null ? null : hosted.revision(),
                    hosted == null ? null : hosted.url().toString()));
            state.save(stateFile);
            return new PreparedRelease(release, slot);
        } finally {
            deleteTree(work);
        }
    }

    private ServiceHost.Hosted deployService(Release release, TargetSettings settings, ReleaseComponent service,
                                             String slot, Path work, DeployLog log) {
        Path dir = unpack(service, work);
        String space = spaceName(settings.huggingface().space(), release.environment(), slot);
        Map<String, String> secrets = appSecrets(release, settings);
        Map<String, String> variables = new TreeMap<>(release.processEnvironment());
        variables.keySet().removeAll(release.config().secrets().keySet());
        ServiceHost.Hosted hosted = services.deploy(space, token(release, settings.huggingface().tokenSecret()), dir,
                variables, secrets, "Slipway " + release.app() + "/" + release.environment() + " v" + release.version()
                        + " (" + release.commitSha() + ")", log);
        ReleaseComponent direct = new ReleaseComponent(service.name(), service.kind(), service.artifact(),
                service.artifactSize(), service.health(), service.run(), service.route(), service.migrate());
        readiness.await(direct.health() == null ? List.of() : List.of(new ComponentCheck(direct.name(),
                trimSlash(hosted.url().toString()) + direct.health().path(), direct.health().expectedStatus())),
                "Space " + hosted.space(), log);
        return hosted;
    }

    private StaticSiteHost.Draft draftSite(Release release, TargetSettings settings, ReleaseComponent site,
                                           List<ReleaseComponent> services, ServiceHost.Hosted hosted, Path work,
                                           DeployLog log) {
        Path dir = unpack(site, work);
        Map<String, byte[]> extra = new LinkedHashMap<>();
        if (hosted != null) {
            extra.put("/_redirects", redirects(dir, services.get(0).route(), hosted.url()));
        }
        String token = token(release, settings.netlify().tokenSecret());
        String context = isPreview(release.environment()) ? "branch-deploy" : "production";
        Map<String, String> variables = new TreeMap<>(release.config().variables());
        if (!variables.isEmpty()) {
            sites.setVariables(settings.netlify().site(), token, context, variables);
            log.line("netlify: " + variables.size() + " variables set for the " + context + " context");
        }
        return sites.draft(settings.netlify().site(), token, dir, extra,
                isPreview(release.environment()) ? release.branch() : null,
                "Slipway " + release.environment() + " v" + release.version() + " (" + release.commitSha() + ")", log);
    }

    /**
     * The site's own {@code _redirects} rules after the proxy rule for the service's route: Netlify applies the
     * first rule that matches, and the rule with {@code !} wins over files of the same path.
     */
    static byte[] redirects(Path siteDir, String route, URI space) {
        String base = route.replaceAll("/+$", "");
        StringBuilder rules = new StringBuilder()
                .append(base).append("  ").append(trimSlash(space.toString())).append("  200!\n")
                .append(base).append("/*  ").append(trimSlash(space.toString())).append("/:splat  200!\n");
        Path own = siteDir.resolve("_redirects");
        try {
            if (Files.isRegularFile(own)) {
                rules.append(Files.readString(own));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PreparedRelease restore(Release release, DeployLog log) {
        RemoteState state = RemoteState.load(stateFile(release.app(), release.environment()));
        for (Map.Entry<String, RemoteState.Slot> slot : state.slots().entrySet()) {
            if (slot.getValue().version() == release.version()) {
                log.line("version " + release.version() + " is still in slot " + slot.getKey());
                return new PreparedRelease(release, slot.getKey());
            }
        }
        // its slot was reused since: the same artifacts go up again, a commit restoring that tree and a new draft
        log.line("version " + release.version() + " is in no slot any more; putting its artifacts up again");
        return prepare(release, log);
    }

    /** Artifacts stay in the build store, so any release that ran can be put up again. */
    @Override
    public boolean isKept(Release release) {
        return true;
    }

    @Override
    public void switchTo(PreparedRelease prepared) {
        Release release = prepared.release();
        TargetSettings settings = settingsOf(release);
        Path stateFile = stateFile(release.app(), release.environment());
        RemoteState state = RemoteState.load(stateFile);
        RemoteState.Slot slot = state.slots().get(prepared.slot());
        if (slot == null || slot.version() != release.version()) {
            throw new DeployException("slot " + prepared.slot() + " no longer holds version " + release.version());
        }
        if (slot.netlifyDeploy() != null && !isPreview(release.environment())) {
            sites.publish(settings.netlify().site(), token(release, settings.netlify().tokenSecret()),
                    slot.netlifyDeploy());
        }
        state.withLive(prepared.slot()).save(stateFile);
    }

    /** A draft that is never published serves nobody; the idle Space keeps running until the next release. */
    @Override
    public void discard(PreparedRelease prepared) {
    }

    @Override
    public OptionalLong liveVersion(String app, String environment, TargetSettings settings) {
        RemoteState state = RemoteState.load(stateFile(app, environment));
        return state.liveSlot().map(s -> OptionalLong.of(s.version())).orElse(OptionalLong.empty());
    }

    /** Remote platforms restart their own processes; what is live is what was last switched to. */
    @Override
    public boolean isServing(Release release) {
        return liveVersion(release.app(), release.environment(), release.target())
                .equals(OptionalLong.of(release.version()));
    }

    @Override
    public void tearDown(String app, String environment, TargetSettings settings, RuntimeConfig config) {
        Path stateFile = stateFile(app, environment);
        RemoteState state = RemoteState.load(stateFile);
        // a preview's Spaces are its own; drafts are never published and cost nothing
        for (RemoteState.Slot slot : state.slots().values()) {
            if (slot.space() != null && isPreview(environment)) {
                String token = config.secrets().get(settings.huggingface().tokenSecret());
                if (token == null) {
                    throw new DeployException("secret " + settings.huggingface().tokenSecret() + " is not set for "
                            + app + "/" + environment + ", so its Space " + slot.space() + " cannot be removed");
                }
                services.delete(slot.space(), token);
            }
        }
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new DeployException("cannot remove " + stateFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code owner/name-blue}; a preview gets Spaces of its own, {@code owner/name-<preview>-blue}, cut to the
     * Hub's 96 characters.
     */
    static String spaceName(String space, String environment, String slot) {
        String name = isPreview(environment) ? space + "-" + environment.substring(PREVIEW_PREFIX.length())
                : space;
        String owner = name.substring(0, name.indexOf('/') + 1);
        String repo = name.substring(owner.length());
        int room = 96 - slot.length() - 1;
        if (repo.length() > room) {
            repo = repo.substring(0, room).replaceAll("[-.]+$", "");
        }
        return owner + repo + "-" + slot;
    }

    private Map<String, String> appSecrets(Release release, TargetSettings settings) {
        Map<String, String> secrets = new TreeMap<>(release.config().secrets());
        secrets.keySet().removeAll(TargetRouter.tokenSecrets(settings));
        return secrets;
    }

    private static String token(Release release, String secret) {
        String token = release.config().secrets().get(secret);
        if (token == null || token.isBlank()) {
            throw new DeployException("secret " + secret + " is not set for " + release.app() + "/"
                    + release.environment() + ": set the platform's API token with `slipway secret set "
                    + release.app() + " " + release.environment() + " " + secret + "`");
        }
        return token;
    }

    private static TargetSettings settingsOf(Release release) {
        if (release.target() == null) {
            throw new IllegalArgumentException("release " + release.version() + " is for the local target");
        }
        return release.target();
    }

    private static boolean isPreview(String environment) {
        return environment.startsWith(PREVIEW_PREFIX);
    }

    private Path unpack(ReleaseComponent component, Path work) {
        Path into = work.resolve(component.name());
        try {
            artifacts.unpack(component, into, work);
        } catch (IOException e) {
            throw new DeployException("cannot unpack " + component.name() + ": " + e.getMessage(), e);
        }
        if (component.kind() == ComponentKind.SERVICE && !Files.isRegularFile(into.resolve("Dockerfile"))) {
            throw new DeployException("a Docker Space needs a Dockerfile at the root of component '"
                    + component.name() + "'");
        }
        return into;
    }

    private Path workDir(Release release) {
        try {
            Path tmp = dataDir.resolve(REMOTE).resolve(".work");
            Files.createDirectories(tmp);
            return Files.createTempDirectory(tmp, release.environment() + "-" + release.version() + "-");
        } catch (IOException e) {
            throw new DeployException("cannot create a work directory under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private Path stateFile(String app, String environment) {
        return dataDir.resolve(REMOTE).resolve(Names.require(app, "app"))
                .resolve(Names.require(environment, "environment") + ".json");
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
