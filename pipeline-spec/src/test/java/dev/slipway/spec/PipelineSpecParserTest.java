package dev.slipway.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        assertThat(api.route()).as("a service's default route is its name").isEqualTo("/api");
        assertThat(web.route()).isNull();
        assertThat(api.migrate()).isNull();
        assertThat(spec.environment("production")).map(EnvironmentSpec::variables).contains(Map.of());
        assertThat(spec.environment("production")).map(EnvironmentSpec::requires).contains(List.of());
        assertThat(spec.previews()).as("previews are on unless the file turns them off").isEqualTo(PreviewSpec.ENABLED);
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

    /** Every key this file may have, with the keys of FR-005 (per-environment config) and FR-010 (migrations). */
    static final String SETTINGS = """
            app: shop
            components:
              web:
                kind: static
                path: frontend
                migrate: node seed-cdn.js
              api:
                kind: service
                path: backend
                run: node server.js
                route: /shop-api
                migrate: node migrate.js
              worker:
                kind: service
                path: worker
                run: node worker.js
            environments:
              production:
                branch: main
                requires: staging
                variables:
                  LOG_LEVEL: info
                  SHOP_CURRENCY: EUR
                  MAX_ITEMS: 25
                  RATIO: 1.50
                  FEATURE_SEARCH: true
                  EMPTY: ""
              staging:
                branch: staging
                variables: { LOG_LEVEL: debug }
              qa:
                branch: qa
                requires: [staging, production]
            previews:
              variables:
                LOG_LEVEL: trace
            """;

    @Test
    void readsRoutesMigrationsVariablesRequirementsAndPreviews() {
        PipelineSpec spec = PipelineSpecParser.parse(SETTINGS);

        ComponentSpec web = spec.components().get(0);
        ComponentSpec api = spec.components().get(1);
        ComponentSpec worker = spec.components().get(2);
        assertThat(web.migrate()).as("any kind may migrate").isEqualTo("node seed-cdn.js");
        assertThat(web.route()).isNull();
        assertThat(api.route()).isEqualTo("/shop-api");
        assertThat(api.migrate()).isEqualTo("node migrate.js");
        assertThat(worker.route()).isEqualTo("/worker");
        assertThat(worker.migrate()).isNull();
        EnvironmentSpec production = spec.environment("production").orElseThrow();
        // numbers and booleans exactly as written: the program reads them from its environment as text anyway
        assertThat(production.variables()).containsExactly(Map.entry("LOG_LEVEL", "info"), Map.entry("SHOP_CURRENCY", "EUR"),
                Map.entry("MAX_ITEMS", "25"), Map.entry("RATIO", "1.50"), Map.entry("FEATURE_SEARCH", "true"),
                Map.entry("EMPTY", ""));
        assertThat(production.requires()).containsExactly("staging");
        assertThat(spec.environment("staging").orElseThrow().variables()).containsExactly(Map.entry("LOG_LEVEL", "debug"));
        assertThat(spec.environment("qa").orElseThrow().requires()).containsExactly("staging", "production");
        assertThat(spec.previews()).isEqualTo(new PreviewSpec(true, Map.of("LOG_LEVEL", "trace"), null));
    }

    @Test
    void settingsForANamedEnvironmentOrForPreviews() {
        PipelineSpec spec = PipelineSpecParser.parse(SETTINGS);

        assertThat(spec.settingsFor("production", false)).contains(new DeploySettings(Map.of("LOG_LEVEL", "info",
                "SHOP_CURRENCY", "EUR", "MAX_ITEMS", "25", "RATIO", "1.50", "FEATURE_SEARCH", "true", "EMPTY", ""),
                List.of("staging"), false, Map.of(), null));
        assertThat(spec.settingsFor("preview-feature-x", true))
                .as("previews get the previews' variables and never wait for another environment")
                .contains(new DeploySettings(Map.of("LOG_LEVEL", "trace"), List.of(), true, Map.of(), null));
        assertThat(spec.settingsFor("demo", false)).as("not declared").isEmpty();
        PipelineSpec off = PipelineSpecParser.parse(SETTINGS.substring(0, SETTINGS.indexOf("previews:")) + "previews: false\n");
        assertThat(off.settingsFor("preview-feature-x", true)).as("previews turned off").isEmpty();
        assertThat(off.settingsFor("staging", false)).map(DeploySettings::variables).contains(Map.of("LOG_LEVEL", "debug"));
    }

    /** An environment may check a component its own way; the others keep the component's check. */
    @Test
    void anEnvironmentsHealthCheckReplacesTheComponentsThere() {
        String withHealth = SETTINGS.replace("\n  staging:\n",
                "\n    health:\n      api: { path: /ready, status: 204 }\n  staging:\n");
        PipelineSpec spec = PipelineSpecParser.parse(withHealth);
        DeploySettings production = spec.settingsFor("production", false).orElseThrow();
        DeploySettings staging = spec.settingsFor("staging", false).orElseThrow();
        HealthCheck declared = new HealthCheck("/health", 200);

        assertThat(production.healthOf("api", declared)).isEqualTo(new HealthCheck("/ready", 204));
        assertThat(production.healthOf("worker", declared)).isEqualTo(declared);
        assertThat(staging.healthOf("api", declared)).isEqualTo(declared);
        assertThatThrownBy(() -> PipelineSpecParser.parse(withHealth.replace("api: { path: /ready", "apii: { path: /ready")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("environments.production.health names component 'apii', which is not declared");
        assertThatThrownBy(() -> PipelineSpecParser.parse(withHealth.replace("path: /ready", "path: ready")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("environments.production.health.api.health.path must start with '/'");
    }

    @ParameterizedTest(name = "previews: {0}")
    @CsvSource(delimiter = '|', value = {
            "true                        | true  | ",
            "false                       | false | ",
            "{}                          | true  | ",
            "'{ variables: { A_B: c } }' | true  | A_B=c",
    })
    void previewsAreOnOffOrOnWithVariables(String value, boolean enabled, String variable) {
        PipelineSpec spec = PipelineSpecParser.parse(CONTRACT + "previews: " + value + "\n");

        assertThat(spec.previews().enabled()).isEqualTo(enabled);
        assertThat(spec.previews().variables()).isEqualTo(variable == null ? Map.of()
                : Map.of(variable.split("=")[0], variable.split("=")[1]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "route on a static component | 'migrate: node seed-cdn.js'     | 'route: /web'                   | 6  | components.web is static; 'route:' is only for kind: service",
            "route without leading slash | 'route: /shop-api'              | 'route: shop-api'               | 11 | components.api.route must start with '/', got 'shop-api'",
            "route at the root           | 'route: /shop-api'              | 'route: /'                      | 11 | components.api.route must not be '/'",
            "route climbing up           | 'route: /shop-api'              | 'route: /a/../b'                | 11 | must be a plain URL path such as /api, without '?', '#', spaces or '..', got '/a/../b'",
            "route with a query          | 'route: /shop-api'              | 'route: /api?x=1'               | 11 | without '?', '#'",
            "route with a fragment       | 'route: /shop-api'              | 'route: /api#top'               | 11 | without '?', '#'",
            "route taken by a default    | 'route: /shop-api'              | 'route: /worker/'               | 13 | components.worker.route '/worker' is already the route of api",
            "route taken twice           | 'run: node worker.js'           | 'run: node worker.js\n    route: /shop-api' | 17 | components.worker.route '/shop-api' is already the route of api; every service needs a route of its own",
            "unknown key in previews     | 'LOG_LEVEL: trace'              | 'LOG_LEVEL: trace\n  enabled: true' | 37 | unknown key 'enabled' in previews (expected one of target, variables)",
            "reserved environment name   | '  qa:'                         | '  preview-qa:'                 | 31 | environment name 'preview-qa' is reserved: names starting with 'preview-' are given to the preview environments of branches",
            "lower-case variable         | 'LOG_LEVEL: info'               | 'log_level: info'               | 22 | environments.production.variables: 'log_level' is not a variable name",
            "variable starting with digit| 'LOG_LEVEL: info'               | '1LOG: info'                    | 22 | variables: '1LOG' is not a variable name: use upper-case letters, digits and '_', not starting with a digit",
            "SLIPWAY_ variable           | 'LOG_LEVEL: info'               | 'SLIPWAY_VERSION: 3'            | 22 | environments.production.variables: SLIPWAY_VERSION is set by Slipway itself (PORT and every SLIPWAY_ name are reserved)",
            "PORT variable               | 'LOG_LEVEL: debug'              | 'PORT: 8080'                    | 30 | environments.staging.variables: PORT is set by Slipway itself",
            "preview variable            | 'LOG_LEVEL: trace'              | 'SLIPWAY_APP: x'                | 36 | previews.variables: SLIPWAY_APP is set by Slipway itself",
            "variable without value      | 'EMPTY: \"\"'                   | 'EMPTY:'                        | 27 | environments.production.variables.EMPTY has no value; write EMPTY: \"\" for an empty one",
            "variable that is a list     | 'EMPTY: \"\"'                   | 'EMPTY: [a, b]'                 | 27 | environments.production.variables.EMPTY must be a plain value (text, number or true/false), not a list or mapping",
            "variables not a mapping     | 'variables: { LOG_LEVEL: debug }' | 'variables: LOG_LEVEL=debug'  | 30 | environments.staging.variables must be a mapping of keys to values",
            "requires itself             | 'requires: staging'             | 'requires: production'          | 20 | environments.production.requires: an environment cannot require itself",
            "requires unknown            | 'requires: [staging, production]' | 'requires: [stagign, production, prod]' | 33 | environments.qa.requires names environments that are not declared: stagign, prod (declared: production, staging, qa)",
            "requires unknown one        | 'requires: staging'             | 'requires: stage'               | 20 | environments.production.requires names an environment that is not declared: stage",
            "requires twice              | 'requires: [staging, production]' | 'requires: [staging, staging]' | 33 | environments.qa.requires lists 'staging' twice",
            "requires empty list         | 'requires: [staging, production]' | 'requires: []'                | 33 | environments.qa.requires must name at least one environment",
            "requires a mapping          | 'requires: staging'             | 'requires: { env: staging }'    | 20 | environments.production.requires must be an environment name or a list of them",
            "requires in a cycle         | 'variables: { LOG_LEVEL: debug }' | 'requires: qa'                | 30 | environments.staging.requires makes a cycle, so none of them could ever deploy: staging -> qa -> staging",
            "previews not a boolean      | 'previews:\n  variables:\n    LOG_LEVEL: trace' | 'previews: maybe' | 34 | previews must be true, false or a mapping such as { variables: { LOG_LEVEL: debug } }",
            "previews yes is not true    | 'previews:\n  variables:\n    LOG_LEVEL: trace' | 'previews: yes'   | 34 | previews must be true, false or a mapping",
    })
    void newKeysNameTheLineAndTheProblem(String name, String from, String to, int line, String problem) {
        String yaml = SETTINGS.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(yaml).isNotEqualTo(SETTINGS);
        assertThatThrownBy(() -> PipelineSpecParser.parse(yaml))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("slipway.yml line " + line + ": ")
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

    static final String TARGETS = CONTRACT.replace("""
                health: { path: /health }
            environments:
              production: { branch: main }
            """, """
                health: { path: /health }
                image: { repository: ghcr.io/acme/shop-api, scan: trivy image --exit-code 1 $SLIPWAY_IMAGE }
            environments:
              production:
                branch: main
                target:
                  netlify: { site: shop-frontend }
                  huggingface: { space: acme/shop-backend, token-secret: HUB_TOKEN }
            """);

    @Test
    void anEnvironmentCanSendItsReleasesToNetlifyAndHuggingFace() { // FR-003, FR-004
        PipelineSpec spec = PipelineSpecParser.parse(TARGETS);

        assertThat(spec.environment("production").orElseThrow().target()).isEqualTo(new TargetSpec(
                new TargetSpec.Netlify("shop-frontend", "NETLIFY_AUTH_TOKEN"),
                new TargetSpec.HuggingFace("acme/shop-backend", "HUB_TOKEN")));
        assertThat(spec.settingsFor("production", false).orElseThrow().target().huggingface().space())
                .isEqualTo("acme/shop-backend");
        assertThat(spec.environment("staging").orElseThrow().target()).as("no target: local").isNull();
    }

    @Test
    void aServiceCanDeclareItsImage() { // FR-012
        ComponentSpec api = PipelineSpecParser.parse(TARGETS).components().get(1);

        assertThat(api.image()).isEqualTo(new ImageSpec("ghcr.io/acme/shop-api", "Dockerfile",
                "trivy image --exit-code 1 $SLIPWAY_IMAGE", false));
        assertThat(PipelineSpecParser.parse(CONTRACT).components().get(1).image()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no site for the static one   | 'netlify: { site: shop-frontend }'  | 'netlify: {}'                          | missing required key 'site'
            static without netlify       | 'netlify: { site: shop-frontend }\n      ' | ''                         | environments.production.target has no netlify site for static component 'web'
            space not owner/name         | 'space: acme/shop-backend'          | 'space: shop-backend'                   | environments.production.target.huggingface.space must be owner/name
            token secret not a name      | 'token-secret: HUB_TOKEN'           | 'token-secret: hub token'               | environments.production.target.huggingface.token-secret names a secret
            unknown target               | 'netlify: { site: shop-frontend }'  | 'vercel: { site: shop-frontend }'       | unknown key 'vercel'
            image with a tag             | 'repository: ghcr.io/acme/shop-api' | 'repository: ghcr.io/acme/shop-api:1.0' | components.api.image.repository must be registry/name without a tag
            image optional not boolean   | 'scan: trivy'                       | 'optional: maybe, scan: trivy'          | components.api.image.optional must be true or false
            """)
    void targetAndImageMistakesAreNamed(String name, String from, String to, String problem) {
        String yaml = TARGETS.replace(from.replace("\\n", "\n"), to);
        assertThat(yaml).isNotEqualTo(TARGETS);
        assertThatThrownBy(() -> PipelineSpecParser.parse(yaml))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void twoEnvironmentsCannotShareASiteOrSpaces() {
        String shared = TARGETS.replace("  staging: { branch: staging }\n", """
                  staging:
                    branch: staging
                    target:
                      netlify: { site: shop-staging }
                      huggingface: { space: ACME/shop-backend }
                """);

        assertThatThrownBy(() -> PipelineSpecParser.parse(shared))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("environments production and staging both name Hugging Face space 'ACME/shop-backend'");
        assertThat(PipelineSpecParser.parse(shared.replace("ACME/shop-backend", "acme/shop-backend-staging"))
                .environment("staging").orElseThrow().target().netlify().site()).isEqualTo("shop-staging");
    }
}
