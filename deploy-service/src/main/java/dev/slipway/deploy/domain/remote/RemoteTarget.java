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
import dev.slipway.deploy.domain.SwitchOutcomeUnknownException;
import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.VerifiedArtifacts;
import dev.slipway.deploy.domain.netlify.NetlifyException;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.TargetSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Releases on hosted platforms: the static component on a Netlify site, the service on Hugging Face Docker
 * Spaces. Blue-green: each environment has two Spaces ({@code <space>-blue}, {@code <space>-green}); a release
 * goes to the idle one, and the site's draft deploy carries a {@code _redirects} proxy rule sending the
 * service's route to that Space. Publishing the draft switches the frontend and the backend it calls in one
 * step; publishing an earlier deploy switches both back. Previews are never published: a preview is served at
 * its draft's own URL.
 *
 * <p>Which slot is live is what the site publishes, asked from Netlify; the state file under the data
 * directory records what each slot holds, and a slot is emptied in it before anything is put there, so a slot
 * whose release failed half-way is never taken for the release it held before.
 */
public final class RemoteTarget implements DeployTarget {
    private static final String REMOTE = "remote";
    /** How ingest names preview environments ({@code PipelineSpec.PREVIEW_PREFIX}). */
    private static final String PREVIEW_PREFIX = "preview-";
    /** The Hub's limit for a repository name. */
    private static final int MAX_SPACE_NAME = 96;

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
        if (settings.netlify() != null && !isPreview(environment)) {
            return URI.create(Optional.ofNullable(state.siteUrl())
                    .orElse("https://" + settings.netlify().site() + ".netlify.app/"));
        }
        Optional<RemoteState.Slot> live = state.liveSlot();
        Optional<String> url = live.map(s -> s.draftUrl() != null ? s.draftUrl() : s.spaceUrl());
        return URI.create(url.orElse(settings.netlify() != null
                ? "https://app.netlify.com/sites/" + settings.netlify().site()
                : "https://huggingface.co/spaces/" + settings.huggingface().space()));
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
        String slot = RemoteState.other(liveSlot(release, state).orElse(RemoteState.GREEN));
        RemoteState.Slot before = state.slots().get(slot);
        // from here on the slot holds nothing known until this release was checked there
        state = state.withoutSlot(slot);
        state.save(stateFile);
        log.line("preparing version " + release.version() + " in slot " + slot + " (" + TargetRouter.nameOf(settings)
                + ")");
        Path work = workDir(release);
        try {
            ServiceHost.Hosted hosted = null;
            Set<String> secretNames = Set.of();
            if (!services.isEmpty()) {
                Map<String, String> secrets = appSecrets(release, settings);
                secretNames = secrets.keySet();
                Set<String> removed = new TreeSet<>(before == null ? Set.of() : before.secretNames());
                removed.removeAll(secretNames);
                hosted = deployService(release, settings, services.get(0), slot, secrets, removed, work, log);
            }
            StaticSiteHost.Draft draft = null;
            if (!statics.isEmpty()) {
                String token = token(release, settings.netlify().tokenSecret());
                draft = draftSite(release, settings, statics.get(0), services, hosted, token, work, log);
                state = state.withSiteUrl(sites.siteUrl(settings.netlify().site(), token).toString());
                // the draft's own URL reaches the service through the proxy rule: the pair is checked as it will run
                readiness.await(release.checks(draft.url()), "draft " + draft.deployId(), log);
            }
            state = state.withSlot(slot, new RemoteState.Slot(release.version(),
                    draft == null ? null : draft.deployId(), draft == null ? null : draft.url().toString(),
                    hosted == null ? null : hosted.space(), hosted == null ? null : hosted.revision(),
                    hosted == null ? null : hosted.url().toString(), secretNames));
            state.save(stateFile);
            return new PreparedRelease(release, slot);
        } finally {
            deleteQuietly(work);
        }
    }

    private ServiceHost.Hosted deployService(Release release, TargetSettings settings, ReleaseComponent service,
                                             String slot, Map<String, String> secrets, Set<String> removed, Path work,
                                             DeployLog log) {
        Path dir = unpack(service, work);
        String space = spaceName(settings.huggingface().space(), release.environment(), slot);
        Map<String, String> variables = new TreeMap<>(release.processEnvironment());
        variables.keySet().removeAll(release.config().secrets().keySet());
        ServiceHost.Hosted hosted = services.deploy(space, token(release, settings.huggingface().tokenSecret()), dir,
                variables, secrets, removed, "Slipway " + release.app() + "/" + release.environment() + " v"
                        + release.version() + " (" + release.commitSha() + ")", log);
        readiness.await(spaceChecks(service, hosted.url()), "Space " + hosted.space(), log);
        return hosted;
    }

    /** A Space serves its service at its root, not under the route the site gives it. */
    private static List<ComponentCheck> spaceChecks(ReleaseComponent service, URI spaceUrl) {
        return service.health() == null ? List.of() : List.of(new ComponentCheck(service.name(),
                trimSlash(spaceUrl.toString()) + service.health().path(), service.health().expectedStatus()));
    }

    private StaticSiteHost.Draft draftSite(Release release, TargetSettings settings, ReleaseComponent site,
                                           List<ReleaseComponent> services, ServiceHost.Hosted hosted, String token,
                                           Path work, DeployLog log) {
        Path dir = unpack(site, work);
        Map<String, byte[]> extra = new LinkedHashMap<>();
        if (hosted != null) {
            extra.put("/_redirects", redirects(dir, services.get(0).route(), hosted.url()));
        }
        return sites.draft(settings.netlify().site(), token, dir, extra, release.config().variables(),
                isPreview(release.environment()) ? release.branch() : null,
                "Slipway " + release.environment() + " v" + release.version() + " (" + release.commitSha() + ")", log);
    }

    /**
     * The proxy rule for the service's route before the site's own {@code _redirects} rules: Netlify applies the
     * first rule that matches, and {@code !} makes it win over files of the same path.
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
            throw new DeployException("cannot read the site's _redirects: " + e.getMessage(), e);
        }
        return rules.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Switches back to a release still held by a slot once that slot still answers its checks (a Space may have
     * gone to sleep, or been changed by hand); otherwise its artifacts go up again: a commit restoring that tree
     * and a new draft.
     */
    @Override
    public PreparedRelease restore(Release release, DeployLog log) {
        RemoteState state = RemoteState.load(stateFile(release.app(), release.environment()));
        for (Map.Entry<String, RemoteState.Slot> entry : state.slots().entrySet()) {
            RemoteState.Slot slot = entry.getValue();
            if (slot.version() != release.version()) {
                continue;
            }
            Optional<String> problem = readiness.problem(slotChecks(release, slot));
            if (problem.isEmpty()) {
                log.line("version " + release.version() + " is still in slot " + entry.getKey() + " and answers");
                return new PreparedRelease(release, entry.getKey());
            }
            log.line("version " + release.version() + " is in slot " + entry.getKey() + " but does not answer ("
                    + problem.get() + ")");
        }
        log.line("putting version " + release.version() + "'s artifacts up again");
        return prepare(release, log);
    }

    private static List<ComponentCheck> slotChecks(Release release, RemoteState.Slot slot) {
        if (slot.draftUrl() != null) {
            return release.checks(URI.create(slot.draftUrl()));
        }
        return release.services().stream().flatMap(s -> spaceChecks(s, URI.create(slot.spaceUrl())).stream()).toList();
    }

    /** Artifacts stay in the build store, so any release that ran can be put up again. */
    @Override
    public boolean isKept(Release release) {
        return true;
    }

    /**
     * Publishes the slot's draft. A refusal switched nothing; no answer at all may have switched, which only the
     * site can tell ({@link #liveVersion}).
     */
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
            String token = token(release, settings.netlify().tokenSecret());
            try {
                sites.publish(settings.netlify().site(), token, slot.netlifyDeploy());
            } catch (NetlifyException e) {
                if (e.permanent()) {
                    throw e;
                }
                throw new SwitchOutcomeUnknownException("publishing deploy " + slot.netlifyDeploy()
                        + " got no clear answer: " + e.getMessage(), e);
            }
        }
        try {
            state.withLive(prepared.slot()).save(stateFile);
        } catch (DeployException e) {
            throw new SwitchOutcomeUnknownException("switched, but " + e.getMessage(), e);
        }
    }

    /** A draft that is never published serves nobody; the idle Space keeps running until the next release. */
    @Override
    public void discard(PreparedRelease prepared) {
    }

    @Override
    public OptionalLong liveVersion(Release release) {
        RemoteState state = RemoteState.load(stateFile(release.app(), release.environment()));
        return liveSlot(release, state).map(state.slots()::get)
                .map(s -> OptionalLong.of(s.version())).orElse(OptionalLong.empty());
    }

    /**
     * The live slot: for a published site, the slot whose draft the site publishes (asked from Netlify, so a
     * switch whose answer was lost, or a crash right after it, is seen as it is); else the last one switched to.
     */
    private Optional<String> liveSlot(Release release, RemoteState state) {
        TargetSettings settings = settingsOf(release);
        if (settings.netlify() != null && !isPreview(release.environment())) {
            Optional<String> published = sites.publishedDeployId(settings.netlify().site(),
                    token(release, settings.netlify().tokenSecret()));
            if (published.isPresent()) {
                Optional<String> slot = state.slotOfDeploy(published.get());
                if (slot.isPresent()) {
                    return slot;
                }
            }
        }
        return Optional.ofNullable(state.live());
    }

    /**
     * The platforms restart what they run themselves: there are no processes of Slipway's to start again, so a
     * remote environment is never restored by {@code reconcile}.
     */
    @Override
    public boolean isServing(Release release) {
        return true;
    }

    @Override
    public void tearDown(String app, String environment, TargetSettings settings, RuntimeConfig config) {
        Path stateFile = stateFile(app, environment);
        RemoteState state = RemoteState.load(stateFile);
        // a preview's Spaces are its own; drafts are never published and cost nothing
        for (RemoteState.Slot slot : state.slots().values()) {
            if (slot.space() != null && isPreview(environment) && settings.huggingface() != null) {
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
     * {@code owner/name-blue}; a preview gets Spaces of its own, {@code owner/name-<preview>-blue}. A name over the
     * Hub's 96 characters is cut and ends in a hash of the whole, so two long names never share Spaces.
     */
    static String spaceName(String space, String environment, String slot) {
        String name = isPreview(environment) ? space + "-" + environment.substring(PREVIEW_PREFIX.length()) : space;
        String owner = name.substring(0, name.indexOf('/') + 1);
        String repo = name.substring(owner.length());
        int room = MAX_SPACE_NAME - slot.length() - 1;
        if (repo.length() > room) {
            String hash = sha256Hex(repo).substring(0, 8);
            repo = repo.substring(0, room - hash.length() - 1).replaceAll("[-.]+$", "") + "-" + hash;
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

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A work directory left behind is only disk: it must not hide the release's own outcome. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
