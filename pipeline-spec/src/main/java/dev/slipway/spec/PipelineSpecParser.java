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
            "health", "run", "port", "route", "migrate", "timeout");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("branch", "variables", "requires", "health");
    private static final Set<String> PREVIEW_KEYS = Set.of("variables");
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
        List<EnvironmentSpec> environments = environments(required(top, "environments", root),
                components.stream().map(ComponentSpec::name).collect(Collectors.toSet()));
        PreviewSpec previews = top.containsKey("previews") ? previews(top.get("previews").getValueNode()) : PreviewSpec.ENABLED;
        return new PipelineSpec(app, components, environments, previews);
    }

    private static List<EnvironmentSpec> environments(Node environmentsNode, Set<String> componentNames) {
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
            environments.add(new EnvironmentSpec(envName, branch, variables, requires, health));
        }
        if (environments.isEmpty()) {
            throw new SpecException(line(environmentsNode), "environments: declare at least one environment");
        }
        checkRequirements(environments, requiresNodes);
        return environments;
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
    private static PreviewSpec previews(Node node) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
            return scalar.getValue().equals("true") ? PreviewSpec.ENABLED : PreviewSpec.DISABLED;
        }
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> m = mapping(node, "previews", PREVIEW_KEYS);
            return new PreviewSpec(true, m.containsKey("variables")
                    ? variables(m.get("variables").getValueNode(), "previews.variables") : Map.of());
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
        return new ComponentSpec(name, kind, path, test, coverage, build, output, health, run, port, route, migrate, timeout);
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
