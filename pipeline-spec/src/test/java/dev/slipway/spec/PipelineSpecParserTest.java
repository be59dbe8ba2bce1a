package dev.slipway.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineSpecParserTest {

    static final String CONTRACT = """
            app: shop
            components:
              web:
                kind: static                 # static | service
                path: frontend               # folder in the repository
                test: mkdir -p coverage && node --test --experimental-test-coverage --test-reporter=lcov --test-reporter-destination=coverage/lcov.info
                coverage: { report: coverage/lcov.info, min: 70 }
                build: node build.js
                output: dist                 # what is deployed, relative to path
                health: { path: /, status: 200 }
              api:
                kind: service
                path: backend
                test: python3 -m unittest
                run: python3 server.py
                port: 8000
                timeout: 90s
                health: { path: /health }
            environments:
              production: { branch: main }
              staging: { branch: staging }
            """;

    @Test
    void readsTheDocumentedContract() {
        PipelineSpec spec = PipelineSpecParser.parse(CONTRACT);

        assertThat(spec.app()).isEqualTo("shop");
        assertThat(spec.components()).extracting(ComponentSpec::name).containsExactly("web", "api");
        ComponentSpec web = spec.components().get(0);
        assertThat(web.kind()).isEqualTo(ComponentKind.STATIC);
        assertThat(web.path()).isEqualTo("frontend");
        assertThat(web.coverage()).isEqualTo(new CoverageGate("coverage/lcov.info", 70));
        assertThat(web.output()).isEqualTo("dist");
        assertThat(web.health()).isEqualTo(new HealthCheck("/", 200));
        assertThat(web.timeout()).isEqualTo(Duration.ofMinutes(10));
        ComponentSpec api = spec.components().get(1);
        assertThat(api.kind()).isEqualTo(ComponentKind.SERVICE);
        assertThat(api.run()).isEqualTo("python3 server.py");
        assertThat(api.port()).isEqualTo(8000);
        assertThat(api.output()).isEqualTo(".");
        assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(api.health()).isEqualTo(new HealthCheck("/health", 200));
        assertThat(spec.environmentForBranch("staging")).map(EnvironmentSpec::name).contains("staging");
        assertThat(spec.environmentForBranch("feature/x")).isEmpty();
    }

    @Test
    void coverageMinimumDefaultsToSeventyPercent() {
        PipelineSpec spec = PipelineSpecParser.parse(CONTRACT.replace("{ report: coverage/lcov.info, min: 70 }",
                "{ report: coverage/lcov.info }"));
        assertThat(spec.components().get(0).coverage().min()).isEqualTo(70.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key              | 'kind: static '              | 'kind: static\n    tset: npm test' | 5  | unknown key 'tset'",
            "bad kind                 | 'kind: static '              | 'kind: lambda'                  | 4  | must be 'static' or 'service', got 'lambda'",
            "coverage above 100       | 'min: 70'                    | 'min: 170'                      | 7  | coverage.min must be between 0 and 100",
            "path escaping repository | 'path: frontend '            | 'path: ../elsewhere'            | 5  | must stay inside the repository",
            "health path relative     | 'path: /, status'            | 'path: health, status'          | 10 | must start with '/'",
            "branch mapped twice      | 'staging: { branch: staging }' | 'staging: { branch: main }'   | 21 | branch 'main' is mapped to both 'production' and 'staging'",
            "service without run      | 'run: python3 server.py'     | 'workdir: .'                    | 15 | unknown key 'workdir'",
            "duplicate key            | 'run: python3 server.py'     | 'port: 8001'                    | 16 | duplicate key 'port'",
            "not YAML                 | 'app: shop'                  | 'app: [shop'                    | 2  | not valid YAML",
            "bad timeout              | 'timeout: 90s'               | 'timeout: soon'                 | 17 | must be a duration",
    })
    void errorsNameTheLineAndTheProblem(String name, String from, String to, int line, String problem) {
        String yaml = CONTRACT.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(yaml).isNotEqualTo(CONTRACT);
        assertThatThrownBy(() -> PipelineSpecParser.parse(yaml))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("line " + line)
                .hasMessageContaining(problem);
    }

    @Test
    void missingAppIsNamed() {
        assertThatThrownBy(() -> PipelineSpecParser.parse(CONTRACT.replace("app: shop\n", "")))
                .hasMessageContaining("missing required key 'app'");
    }

    @Test
    void emptyFileIsNamed() {
        assertThatThrownBy(() -> PipelineSpecParser.parse("  \n"))
                .isInstanceOf(SpecException.class)
                .hasMessage("slipway.yml: the file is empty");
    }
}
