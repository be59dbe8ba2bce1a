package dev.slipway.build.domain;

import dev.slipway.spec.ComponentSpec;
import dev.slipway.spec.DeploySettings;
import dev.slipway.spec.EnvironmentSpec;
import dev.slipway.spec.PipelineSpec;
import dev.slipway.spec.PipelineSpecParser;
import dev.slipway.spec.SpecException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The config stage: {@code slipway.yml} of the checked-out commit, the folders it names, and the settings of the
 * environment the build deploys to.
 */
public final class SpecReader {
    private static final int CONTEXT_LINES = 2;

    /** @param settings those of the build's environment, or of the previews for a preview build */
    public record Config(PipelineSpec spec, DeploySettings settings) {
    }

    private SpecReader() {
    }

    public static StageResult<Config> read(Path repo, BuildContext build) throws IOException {
        String commitSha = build.commitSha();
        Path file = repo.resolve(PipelineSpec.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            String reason = PipelineSpec.FILE_NAME + " not found at commit " + shortSha(commitSha)
                    + ": add it at the root of the repository";
            return StageResult.failed(reason, reason + "\n");
        }
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        PipelineSpec spec;
        try {
            spec = PipelineSpecParser.parse(yaml);
        } catch (SpecException e) {
            return StageResult.failed(e.getMessage(), e.getMessage() + "\n" + excerpt(yaml, e.line()));
        }
        Path realRepo = repo.toRealPath();
        for (ComponentSpec component : spec.components()) {
            Path folder = repo.resolve(component.path()).normalize();
            String problem = null;
            if (!Files.isDirectory(folder)) {
                problem = "path '" + component.path() + "' is not a folder at commit " + shortSha(commitSha);
            } else if (!folder.toRealPath().startsWith(realRepo)) {
                problem = "path '" + component.path() + "' leads out of the repository through a link";
            }
            if (problem != null) {
                String reason = PipelineSpec.FILE_NAME + ": component " + component.name() + ": " + problem;
                return StageResult.failed(reason, reason + "\n");
            }
        }
        // the deploy needs the environment's settings: an environment this commit does not declare has none
        DeploySettings settings = spec.settingsFor(build.environment(), build.preview()).orElse(null);
        if (settings == null) {
            String reason = build.preview()
                    ? PipelineSpec.FILE_NAME + " at commit " + shortSha(commitSha) + " turns previews off (previews: false),"
                            + " so preview environment " + build.environment() + " is not deployed"
                    : PipelineSpec.FILE_NAME + " at commit " + shortSha(commitSha) + " does not declare environment '"
                            + build.environment() + "', which this push was to deploy to (declared: "
                            + String.join(", ", spec.environments().stream().map(EnvironmentSpec::name).toList()) + ")";
            return StageResult.failed(reason, reason + "\n");
        }
        return StageResult.succeeded(new Config(spec, settings), "read " + PipelineSpec.FILE_NAME + ": components "
                + String.join(", ", spec.components().stream().map(ComponentSpec::name).toList())
                + (build.preview() ? "; preview environment " : "; environment ") + build.environment() + "\n");
    }

    /** The lines around {@code line}, numbered, the line itself marked, so the log shows what is wrong. */
    static String excerpt(String yaml, int line) {
        if (line <= 0) {
            return "";
        }
        List<String> lines = yaml.lines().toList();
        StringBuilder text = new StringBuilder();
        for (int n = Math.max(1, line - CONTEXT_LINES); n <= Math.min(lines.size(), line + CONTEXT_LINES); n++) {
            text.append(n == line ? "> " : "  ").append(String.format("%3d | ", n)).append(lines.get(n - 1)).append('\n');
        }
        return text.toString();
    }

    static String shortSha(String commitSha) {
        return commitSha.length() > 12 ? commitSha.substring(0, 12) : commitSha;
    }
}
