package dev.slipway.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code slipway.yml}. Works on the YAML node tree rather than plain maps so that every error can
 * name the line it is about. Unknown keys are errors: a typo must not silently skip a test gate.
 */
public final class PipelineSpecParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> TOP_KEYS = Set.of("app", "components", "environments");
    private static final Set<String> COMPONENT_KEYS = Set.of("kind", "path", "test", "coverage", "build", "output",
            "health", "run", "port", "timeout");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("branch");
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
        for (Map.Entry<String, NodeTuple> entry : mapping(componentsNode, "components", null).entrySet()) {
            String componentName = name(entry.getValue().getKeyNode(), "component name");
            components.add(component(componentName, entry.getValue().getValueNode()));
        }
        if (components.isEmpty()) {
            throw new SpecException(line(componentsNode), "components: declare at least one component");
        }
        Node environmentsNode = required(top, "environments", root);
        List<EnvironmentSpec> environments = new ArrayList<>();
        Map<String, String> branches = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : mapping(environmentsNode, "environments", null).entrySet()) {
            String envName = name(entry.getValue().getKeyNode(), "environment name");
            Node envNode = entry.getValue().getValueNode();
            Map<String, NodeTuple> env = mapping(envNode, "environment " + envName, ENVIRONMENT_KEYS);
            String branch = string(required(env, "branch", envNode), "environments." + envName + ".branch");
            String other = branches.putIfAbsent(branch, envName);
            if (other != null) {
                throw new SpecException(line(env.get("branch").getValueNode()),
                        "branch '" + branch + "' is mapped to both '" + other + "' and '" + envName + "'");
            }
            environments.add(new EnvironmentSpec(envName, branch));
        }
        if (environments.isEmpty()) {
            throw new SpecException(line(environmentsNode), "environments: declare at least one environment");
        }
        return new PipelineSpec(app, components, environments);
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
        Duration timeout = c.containsKey("timeout") ? duration(c.get("timeout").getValueNode(), where + ".timeout") : DEFAULT_TIMEOUT;
        return new ComponentSpec(name, kind, path, test, coverage, build, output, health, run, port, timeout);
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
        if (!NAME.matcher(value).matches()) {
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
