package dev.slipway.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code slipway.yml}. Works on the YAML node tree rather than plain maps so that every error can
 * name the line it is about. Unknown keys are errors: a typo must not silently skip a test gate.
 */
public final class PipelineSpecParser {

    private static final Set<String> TOP_KEYS = Set.of("app", "components", "environments", "previews");
    private static final Set<String> COMPONENT_KEYS = Set.of("kind", "path", "test", "coverage", "build", "output",
            "health", "run", "port", "route", "migrate", "timeout", "image");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("branch", "variables", "requires", "health", "target");
    private static final Set<String> PREVIEW_KEYS = Set.of("variables", "target");
    private static final Set<String> IMAGE_KEYS = Set.of("repository", "dockerfile", "scan", "optional");
    private static final Pattern IMAGE_REPOSITORY = Pattern.compile(
            "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+");
    private static final Pattern SPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]*");
    /** Variables Slipway sets itself: the port a service listens on, and everything about the release. */
    private static final String RESERVED_VARIABLE = "PORT";
    private static final String RESERVED_VARIABLE_PREFIX = "SLIPWAY_";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private PipelineSpecParser() {
    }

    public static PipelineSpec parse(String yaml) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new SpecException(line, "not valid YAML: " + e.getProblem());
        }
        if (root == null) {
            throw new SpecException(0, "the file is empty");
        }
        Map<String, NodeTuple> top = mapping(root, "the document", TOP_KEYS);

        String app = name(required(top, "app", root), "app");
        Node componentsNode = required(top, "components", root);
        List<ComponentSpec> components = new ArrayList<>();
        // a trailing '/' does not make two routes different
        Map<String, String> routes = new HashMap<>();
        for (Map.Entry<String, NodeTuple> entry : mapping(componentsNode, "components", null).entrySet()) {
            String componentName = name(entry.getValue().getKeyNode(), "component name");
            Node componentNode = entry.getValue().getValueNode();
            ComponentSpec component = component(componentName, componentNode);
            String other = component.route() == null ? null
                    : routes.putIfAbsent(component.route().replaceAll("/+$", ""), componentName);
            if (other != null) {
                NodeTuple route = mapping(componentNode, "component " + componentName, null).get("route");
                throw new SpecException(line(route == null ? entry.getValue().getKeyNode() : route.getValueNode()),
                        "components." + componentName + ".route '" + component.route() + "' is already the route of "
                                + other + "; every service needs a route of its own");
            }
            components.add(component);
        }
        if (components.isEmpty()) {
            throw new SpecException(line(componentsNode), "components: declare at least one component");
        }
        List<EnvironmentSpec> environments = environments(required(top, "environments", root), components);
        PreviewSpec previews = top.containsKey("previews") ? previews(top.get("previews").getValueNode(), components)
                : PreviewSpec.ENABLED;
        return new PipelineSpec(app, components, environments, previews);
    }

    private static List<EnvironmentSpec> environments(Node environmentsNode, List<ComponentSpec> components) {
        Set<String> componentNames = components.stream().map(ComponentSpec::name).collect(Collectors.toSet());
        List<EnvironmentSpec> environments = new ArrayList<>();
        Map<String, String> branches = new LinkedHashMap<>();
        Map<String, Node> requiresNodes = new HashMap<>();
        for (Map.Entry<String, NodeTuple> entry : mapping(environmentsNode, "environments", null).entrySet()) {
            Node nameNode = entry.getValue().getKeyNode();
            String envName = name(nameNode, "environment name");
            if (envName.startsWith(PipelineSpec.PREVIEW_PREFIX)) {
                throw new SpecException(line(nameNode), "environment name '" + envName + "' is reserved: names starting with '"
                        + PipelineSpec.PREVIEW_PREFIX + "' are given to the preview environments of branches");
            }
            String where = "environments." + envName;
            Node envNode = entry.getValue().getValueNode();
            Map<String, NodeTuple> env = mapping(envNode, "environment " + envName, ENVIRONMENT_KEYS);
            String branch = string(required(env, "branch", envNode), where + ".branch");
            String other = branches.putIfAbsent(branch, envName);
            if (other != null) {
                throw new SpecException(line(env.get("branch").getValueNode()),
                        "branch '" + branch + "' is mapped to both '" + other + "' and '" + envName + "'");
            }
            Map<String, String> variables = env.containsKey("variables")
                    ? variables(env.get("variables").getValueNode(), where + ".variables") : Map.of();
            List<String> requires = List.of();
            if (env.containsKey("requires")) {
                Node requiresNode = env.get("requires").getValueNode();
                requires = requires(requiresNode, envName, where + ".requires");
                requiresNodes.put(envName, requiresNode);
            }
            Map<String, HealthCheck> health = new LinkedHashMap<>();
            if (env.containsKey("health")) {
                for (Map.Entry<String, NodeTuple> check : mapping(env.get("health").getValueNode(), where + ".health",
                        null).entrySet()) {
                    if (!componentNames.contains(check.getKey())) {
                        throw new SpecException(line(check.getValue().getKeyNode()), where + ".health names component '"
                                + check.getKey() + "', which is not declared (components: "
                                + String.join(", ", new TreeSet<>(componentNames)) + ")");
                    }
                    health.put(check.getKey(), health(check.getValue().getValueNode(), where + ".health." + check.getKey()));
                }
            }
            TargetSpec target = env.containsKey("target") ? target(env.get("target"), where + ".target", components) : null;
            environments.add(new EnvironmentSpec(envName, branch, variables, requires, health, target));
        }
        if (environments.isEmpty()) {
            throw new SpecException(line(environmentsNode), "environments: declare at least one environment");
        }
        checkRequirements(environments, requiresNodes);
        checkTargetsApart(environments, environmentsNode);
        return environments;
    }

    /**
     * Each environment keeps its own record of which of its Spaces (or site deploys) is live; two environments
     * sharing a site or Spaces would deploy over each other's live release.
     */
    private static void checkTargetsApart(List<EnvironmentSpec> environments, Node environmentsNode) {
        Map<String, String> sites = new HashMap<>();
        Map<String, String> spaces = new HashMap<>();
        for (EnvironmentSpec e : environments) {
            if (e.target() == null) {
                continue;
            }
            String site = e.target().netlify() == null ? null
                    : sites.putIfAbsent(e.target().netlify().site(), e.name());
            String space = e.target().huggingface() == null ? null
                    : spaces.putIfAbsent(e.target().huggingface().space().toLowerCase(Locale.ROOT), e.name());
            if (site != null) {
                throw new SpecException(line(environmentsNode), "environments " + site + " and " + e.name()
                        + " both name Netlify site '" + e.target().netlify().site() + "'; each environment needs a site"
                        + " of its own");
            }
            if (space != null) {
                throw new SpecException(line(environmentsNode), "environments " + space + " and " + e.name()
                        + " both name Hugging Face space '" + e.target().huggingface().space() + "'; each environment"
                        + " needs Spaces of its own");
            }
        }
    }

    /** {@code requires:} is one environment name or a list of them. */
    private static List<String> requires(Node node, String envName, String what) {
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        if (items.isEmpty()) {
            throw new SpecException(line(node), what + " must name at least one environment");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode)) {
                throw new SpecException(line(item), what + " must be an environment name or a list of them");
            }
            String required = string(item, what);
            if (required.equals(envName)) {
                throw new SpecException(line(item), what + ": an environment cannot require itself");
            }
            if (!names.add(required)) {
                throw new SpecException(line(item), what + " lists '" + required + "' twice");
            }
        }
        return List.copyOf(names);
    }

    /** Every required environment is declared, and no environment waits, through others, for itself. */
    private static void checkRequirements(List<EnvironmentSpec> environments, Map<String, Node> requiresNodes) {
        Map<String, EnvironmentSpec> byName = new LinkedHashMap<>();
        environments.forEach(e -> byName.put(e.name(), e));
        for (EnvironmentSpec env : environments) {
            List<String> unknown = env.requires().stream().filter(r -> !byName.containsKey(r)).toList();
            if (!unknown.isEmpty()) {
                throw new SpecException(line(requiresNodes.get(env.name())), "environments." + env.name()
                        + ".requires names " + (unknown.size() == 1 ? "an environment" : "environments")
                        + " that " + (unknown.size() == 1 ? "is" : "are") + " not declared: " + String.join(", ", unknown)
                        + " (declared: " + String.join(", ", byName.keySet()) + ")");
            }
        }
        Set<String> acyclic = new HashSet<>();
        for (String start : byName.keySet()) {
            List<String> cycle = cycleThrough(start, byName, new ArrayList<>(), acyclic);
            if (cycle != null) {
                throw new SpecException(line(requiresNodes.get(cycle.get(0))), "environments." + cycle.get(0)
                        + ".requires makes a cycle, so none of them could ever deploy: " + String.join(" -> ", cycle));
            }
        }
    }

    /**
     * Depth-first through the requirements of {@code name}; {@code path} is how it was reached, {@code acyclic}
     * the environments already known to lead to no cycle, so each is explored once.
     *
     * @return the cycle found, its first environment repeated at the end; null when there is none
     */
    private static List<String> cycleThrough(String name, Map<String, EnvironmentSpec> byName, List<String> path,
                                             Set<String> acyclic) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return cycle;
        }
        if (acyclic.contains(name)) {
            return null;
        }
        path.add(name);
        for (String required : byName.get(name).requires()) {
            List<String> cycle = cycleThrough(required, byName, path, acyclic);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        acyclic.add(name);
        return null;
    }

    /** {@code previews:} is true (the default), false, or a mapping that turns them on with variables. */
    private static PreviewSpec previews(Node node, List<ComponentSpec> components) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
            return scalar.getValue().equals("true") ? PreviewSpec.ENABLED : PreviewSpec.DISABLED;
        }
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> m = mapping(node, "previews", PREVIEW_KEYS);
            return new PreviewSpec(true, m.containsKey("variables")
                    ? variables(m.get("variables").getValueNode(), "previews.variables") : Map.of(),
                    m.containsKey("target") ? target(m.get("target"), "previews.target", components) : null);
        }
        throw new SpecException(line(node), "previews must be true, false or a mapping such as { variables: { LOG_LEVEL: debug } }");
    }

    /**
     * Plain configuration: NAME: value. Numbers and booleans are kept as written ({@code 1.10} stays
     * {@code 1.10}), because the program reads them as text from its environment anyway.
     */
    private static Map<String, String> variables(Node node, String what) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : mapping(node, what, null).entrySet()) {
            String variable = entry.getKey();
            Node keyNode = entry.getValue().getKeyNode();
            if (!VARIABLE.matcher(variable).matches()) {
                throw new SpecException(line(keyNode), what + ": '" + variable
                        + "' is not a variable name: use upper-case letters, digits and '_', not starting with a digit");
            }
            if (variable.startsWith(RESERVED_VARIABLE_PREFIX) || variable.equals(RESERVED_VARIABLE)) {
                throw new SpecException(line(keyNode), what + ": " + variable + " is set by Slipway itself"
                        + " (PORT and every SLIPWAY_ name are reserved)");
            }
            Node value = entry.getValue().getValueNode();
            if (!(value instanceof ScalarNode scalar)) {
                throw new SpecException(line(value), what + "." + variable
                        + " must be a plain value (text, number or true/false), not a list or mapping");
            }
            if (scalar.getTag().equals(Tag.NULL)) {
                throw new SpecException(line(value), what + "." + variable + " has no value; write "
                        + variable + ": \"\" for an empty one");
            }
            variables.put(variable, scalar.getValue());
        }
        return variables;
    }

    private static ComponentSpec component(String name, Node node) {
        String where = "components." + name;
        Map<String, NodeTuple> c = mapping(node, "component " + name, COMPONENT_KEYS);
        ComponentKind kind = kind(required(c, "kind", node), where);
        String path = relativePath(required(c, "path", node), where + ".path");
        String test = optionalString(c, "test", where);
        String build = optionalString(c, "build", where);
        String output = c.containsKey("output") ? relativePath(c.get("output").getValueNode(), where + ".output") : ".";
        CoverageGate coverage = c.containsKey("coverage") ? coverage(c.get("coverage").getValueNode(), where) : null;
        if (coverage != null && test == null) {
            throw new SpecException(line(c.get("coverage").getKeyNode()), where + ".coverage needs a test command that writes the report");
        }
        HealthCheck health = c.containsKey("health") ? health(c.get("health").getValueNode(), where) : null;
        String run = optionalString(c, "run", where);
        Integer port = c.containsKey("port") ? integer(c.get("port").getValueNode(), where + ".port", 1, 65535) : null;
        if (kind == ComponentKind.SERVICE && run == null) {
            throw new SpecException(line(node), where + " is a service and needs 'run:', the command that starts it");
        }
        if (kind == ComponentKind.STATIC && run != null) {
            throw new SpecException(line(c.get("run").getKeyNode()), where + " is static; 'run:' is only for kind: service");
        }
        String route = null;
        if (kind == ComponentKind.SERVICE) {
            route = c.containsKey("route") ? route(c.get("route").getValueNode(), where + ".route") : "/" + name;
        } else if (c.containsKey("route")) {
            throw new SpecException(line(c.get("route").getKeyNode()), where + " is static; 'route:' is only for kind: service");
        }
        String migrate = optionalString(c, "migrate", where);
        Duration timeout = c.containsKey("timeout") ? duration(c.get("timeout").getValueNode(), where + ".timeout") : DEFAULT_TIMEOUT;
        ImageSpec image = null;
        if (c.containsKey("image")) {
            if (kind != ComponentKind.SERVICE) {
                throw new SpecException(line(c.get("image").getKeyNode()), where + " is static; 'image:' is only for kind: service");
            }
            image = image(c.get("image").getValueNode(), where);
        }
        return new ComponentSpec(name, kind, path, test, coverage, build, output, health, run, port, route, migrate,
                timeout, image);
    }

    /**
     * {@code target:} sends the static component to Netlify and the services to Hugging Face. Every component
     * must have somewhere to go: a release is switched as one unit, so it cannot be half local, half remote.
     */
    private static TargetSpec target(NodeTuple tuple, String where, List<ComponentSpec> components) {
        Map<String, NodeTuple> m = mapping(tuple.getValueNode(), where, Set.of("netlify", "huggingface"));
        TargetSpec.Netlify netlify = null;
        if (m.containsKey("netlify")) {
            Node n = m.get("netlify").getValueNode();
            Map<String, NodeTuple> nm = mapping(n, where + ".netlify", Set.of("site", "token-secret"));
            netlify = new TargetSpec.Netlify(string(required(nm, "site", n), where + ".netlify.site"),
                    secretName(nm, where + ".netlify", TargetSpec.DEFAULT_NETLIFY_TOKEN));
        }
        TargetSpec.HuggingFace huggingface = null;
        if (m.containsKey("huggingface")) {
            Node h = m.get("huggingface").getValueNode();
            Map<String, NodeTuple> hm = mapping(h, where + ".huggingface", Set.of("space", "token-secret"));
            Node spaceNode = required(hm, "space", h);
            String space = string(spaceNode, where + ".huggingface.space");
            if (!SPACE.matcher(space).matches() || space.contains("--") || space.contains("..")) {
                throw new SpecException(line(spaceNode), where + ".huggingface.space must be owner/name, such as"
                        + " acme/shop-backend, got '" + space + "'");
            }
            huggingface = new TargetSpec.HuggingFace(space, secretName(hm, where + ".huggingface",
                    TargetSpec.DEFAULT_HUGGINGFACE_TOKEN));
        }
        for (ComponentSpec c : components) {
            if (c.kind() == ComponentKind.STATIC && netlify == null) {
                throw new SpecException(line(tuple.getKeyNode()), where + " has no netlify site for static component '"
                        + c.name() + "'");
            }
            if (c.kind() == ComponentKind.SERVICE && huggingface == null) {
                throw new SpecException(line(tuple.getKeyNode()), where + " has no huggingface space for service '"
                        + c.name() + "'");
            }
        }
        long services = components.stream().filter(c -> c.kind() == ComponentKind.SERVICE).count();
        if (services > 1) {
            throw new SpecException(line(tuple.getKeyNode()), where + ": a Hugging Face Space runs one service, and"
                    + " this file has " + services + "; deploy them to the local target or split the app");
        }
        return new TargetSpec(netlify, huggingface);
    }

    private static String secretName(Map<String, NodeTuple> map, String where, String defaultName) {
        if (!map.containsKey("token-secret")) {
            return defaultName;
        }
        Node node = map.get("token-secret").getValueNode();
        String value = string(node, where + ".token-secret");
        if (!VARIABLE.matcher(value).matches()) {
            throw new SpecException(line(node), where + ".token-secret names a secret (set with slipway secret set),"
                    + " such as " + defaultName + ", got '" + value + "'");
        }
        return value;
    }

    private static ImageSpec image(Node node, String where) {
        Map<String, NodeTuple> m = mapping(node, where + ".image", IMAGE_KEYS);
        Node repoNode = required(m, "repository", node);
        String repository = string(repoNode, where + ".image.repository");
        if (!IMAGE_REPOSITORY.matcher(repository).matches()) {
            throw new SpecException(line(repoNode), where + ".image.repository must be registry/name without a tag,"
                    + " such as ghcr.io/acme/shop-backend, got '" + repository + "'");
        }
        String dockerfile = m.containsKey("dockerfile")
                ? relativePath(m.get("dockerfile").getValueNode(), where + ".image.dockerfile") : "Dockerfile";
        String scan = optionalString(m, "scan", where + ".image");
        boolean optional = m.containsKey("optional") && bool(m.get("optional").getValueNode(), where + ".image.optional");
        return new ImageSpec(repository, dockerfile, scan, optional);
    }

    private static boolean bool(Node node, String what) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue());
        }
        throw new SpecException(line(node), what + " must be true or false");
    }

    /** A path prefix under the environment's URL; the static components are served at its root. */
    private static String route(Node node, String what) {
        String value = string(node, what);
        if (!value.startsWith("/")) {
            throw new SpecException(line(node), what + " must start with '/', got '" + value + "'");
        }
        if (value.equals("/")) {
            throw new SpecException(line(node), what + " must not be '/': the root is where the static components are served");
        }
        if (value.contains("?") || value.contains("#") || value.chars().anyMatch(Character::isWhitespace)
                || List.of(value.split("/")).contains("..")) {
            throw new SpecException(line(node), what + " must be a plain URL path such as /api, without '?', '#', spaces or '..', got '"
                    + value + "'");
        }
        return value;
    }

    private static CoverageGate coverage(Node node, String where) {
        Map<String, NodeTuple> m = mapping(node, where + ".coverage", Set.of("report", "min"));
        String report = relativePath(required(m, "report", node), where + ".coverage.report");
        double min = m.containsKey("min") ? number(m.get("min").getValueNode(), where + ".coverage.min", 0, 100) : CoverageGate.DEFAULT_MIN;
        return new CoverageGate(report, min);
    }

    private static HealthCheck health(Node node, String where) {
        Map<String, NodeTuple> m = mapping(node, where + ".health", Set.of("path", "status"));
        String path = string(required(m, "path", node), where + ".health.path");
        if (!path.startsWith("/")) {
            throw new SpecException(line(m.get("path").getValueNode()), where + ".health.path must start with '/', got '" + path + "'");
        }
        int status = m.containsKey("status") ? integer(m.get("status").getValueNode(), where + ".health.status", 100, 599) : 200;
        return new HealthCheck(path, status);
    }

    private static Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw new SpecException(line(node), what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new SpecException(line(tuple.getKeyNode()), "keys in " + what + " must be plain names");
            }
            if (allowed != null && !allowed.contains(key.getValue())) {
                throw new SpecException(line(key), "unknown key '" + key.getValue() + "' in " + what
                        + " (expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (result.put(key.getValue(), tuple) != null) {
                throw new SpecException(line(key), "duplicate key '" + key.getValue() + "' in " + what);
            }
        }
        return result;
    }

    private static Node required(Map<String, NodeTuple> map, String key, Node parent) {
        NodeTuple tuple = map.get(key);
        if (tuple == null) {
            throw new SpecException(line(parent), "missing required key '" + key + "'");
        }
        return tuple.getValueNode();
    }

    private static String string(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw new SpecException(line(node), what + " must be a non-empty text");
        }
        return scalar.getValue();
    }

    private static String optionalString(Map<String, NodeTuple> map, String key, String where) {
        NodeTuple tuple = map.get(key);
        return tuple == null ? null : string(tuple.getValueNode(), where + "." + key);
    }

    private static String name(Node node, String what) {
        String value = string(node, what);
        if (!PipelineSpec.NAME.matcher(value).matches()) {
            throw new SpecException(line(node), what + " '" + value
                    + "' must be lower-case letters, digits and dashes, starting and ending with a letter or digit");
        }
        return value;
    }

    private static String relativePath(Node node, String what) {
        String value = string(node, what);
        Path p = Path.of(value).normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new SpecException(line(node), what + " must stay inside the repository, got '" + value + "'");
        }
        return value;
    }

    private static ComponentKind kind(Node node, String where) {
        String value = string(node, where + ".kind");
        for (ComponentKind k : ComponentKind.values()) {
            if (k.yamlName().equals(value)) {
                return k;
            }
        }
        throw new SpecException(line(node), where + ".kind must be 'static' or 'service', got '" + value + "'");
    }

    private static int integer(Node node, String what, int min, int max) {
        String value = string(node, what);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new SpecException(line(node), what + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SpecException(line(node), what + " must be a whole number, got '" + value + "'");
        }
    }

    private static double number(Node node, String what, double min, double max) {
        String value = string(node, what);
        try {
            double n = Double.parseDouble(value);
            if (n < min || n > max) {
                throw new SpecException(line(node), what + " must be between " + (int) min + " and " + (int) max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SpecException(line(node), what + " must be a number, got '" + value + "'");
        }
    }

    /** Accepts {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 such as {@code PT5M}. */
    private static Duration duration(Node node, String what) {
        String value = string(node, what).trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: break;
            }
        } catch (RuntimeException e) {
            // falls through to the error below
        }
        throw new SpecException(line(node), what + " must be a duration such as 90s, 5m or 1h, got '" + value + "'");
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
