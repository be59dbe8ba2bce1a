package dev.slipway.spec;

import java.util.List;
import java.util.Optional;

/** A parsed {@code slipway.yml}. Components and environments keep the order of the file. */
public record PipelineSpec(String app, List<ComponentSpec> components, List<EnvironmentSpec> environments) {

    public static final String FILE_NAME = "slipway.yml";

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
}
