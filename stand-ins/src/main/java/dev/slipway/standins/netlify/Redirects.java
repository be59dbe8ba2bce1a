package dev.slipway.standins.netlify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deploy's {@code _redirects} file, the part of Netlify's rule syntax the stand-in serves: one rule a line,
 * {@code from to [status][!]}, {@code #} comments, a trailing {@code *} in {@code from} captured as {@code :splat},
 * {@code :name} segments as placeholders, status 301 when none is given, and {@code !} (force) to apply a rule
 * even when a file exists at the path (without it, an existing file shadows the rule). Rules with conditions
 * (query parameters, {@code Country=}, {@code Role=}, ...) or a domain in {@code from} never match here.
 */
final class Redirects {

    private static final Pattern STATUS = Pattern.compile("(\\d{3})(!?)");

    record Rule(String from, String to, int status, boolean force) {

        /** Where this rule sends {@code path}, with the splat and placeholders filled in; empty when it does not match. */
        Optional<String> target(String path) {
            List<String> pattern = segments(from);
            List<String> actual = segments(path);
            boolean splat = !pattern.isEmpty() && pattern.get(pattern.size() - 1).equals("*");
            int fixed = splat ? pattern.size() - 1 : pattern.size();
            if (splat ? actual.size() < fixed : actual.size() != fixed) {
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < fixed; i++) {
                String want = pattern.get(i);
                if (want.startsWith(":")) {
                    values.put(want, actual.get(i));
                } else if (!want.equals(actual.get(i))) {
                    return Optional.empty();
                }
            }
            String result = to;
            if (splat) {
                result = result.replace(":splat", String.join("/", actual.subList(fixed, actual.size())));
            }
            // longest names first, so ":id" does not eat the start of ":idx"
            List<String> names = new ArrayList<>(values.keySet());
            names.sort((a, b) -> b.length() - a.length());
            for (String name : names) {
                result = result.replace(name, values.get(name));
            }
            return Optional.of(result);
        }

        boolean isProxy() {
            return status == 200 && (to.startsWith("http://") || to.startsWith("https://"));
        }
    }

    private Redirects() {
    }

    static List<Rule> parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            int comment = raw.indexOf('#');
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            rule(line.split("\\s+")).ifPresent(rules::add);
        }
        return rules;
    }

    private static Optional<Rule> rule(String[] tokens) {
        if (tokens.length < 2 || !tokens[0].startsWith("/") || tokens[1].contains("=")) {
            return Optional.empty();
        }
        int status = 301;
        boolean force = false;
        if (tokens.length > 2) {
            var matcher = STATUS.matcher(tokens[2]);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            status = Integer.parseInt(matcher.group(1));
            force = !matcher.group(2).isEmpty();
        }
        if (tokens.length > 3) {
            return Optional.empty();
        }
        return Optional.of(new Rule(tokens[0], tokens[1], status, force));
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                result.add(segment);
            }
        }
        return result;
    }
}
