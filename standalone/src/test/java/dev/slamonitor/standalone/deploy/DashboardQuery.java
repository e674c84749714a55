package dev.slamonitor.standalone.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PromQL expression of a dashboard (a panel target or a template-variable query) with Grafana's
 * variables replaced by values a test Prometheus can evaluate: {@code $job}/{@code $instance} by
 * {@code .+} (the "All" value), {@code $__rate_interval} by 30 s, {@code $window} by 10 min.
 */
public record DashboardQuery(String dashboard, String panel, String refId, String rawExpr, String expr) {

    public static final Map<String, String> SUBSTITUTIONS = Map.of(
            "job", ".+", "instance", ".+", "__rate_interval", "30s", "__interval", "5s", "__range", "10m", "window", "10m");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");
    private static final Pattern METRIC = Pattern.compile("\\b((?:slamon|kafka|jvm|process|system|vertx)_[a-zA-Z0-9_]+|up)\\b(?=\\s*[{\\[)])");

    public static List<DashboardQuery> from(Path file) {
        JsonNode dashboard = RepoFiles.json(file);
        String name = file.getFileName().toString();
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                String definition = variable.path("definition").asText();
                Matcher m = LABEL_VALUES.matcher(definition);
                String expr = m.matches() ? m.group(1) : definition;
                queries.add(of(name, "variable $" + variable.path("name").asText(), "-", expr));
            }
        }
        collect(name, dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, List<DashboardQuery> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                out.add(of(dashboard, panel.path("title").asText(), target.path("refId").asText(), target.path("expr").asText()));
            }
            collect(dashboard, panel.path("panels"), out);
        }
    }

    static DashboardQuery of(String dashboard, String panel, String refId, String raw) {
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = SUBSTITUTIONS.get(name);
            if (value == null) {
                throw new IllegalArgumentException(dashboard + " / " + panel + ": unknown variable $" + name
                        + " (add it to DashboardQuery.SUBSTITUTIONS)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new DashboardQuery(dashboard, panel, refId, raw, out.toString());
    }

    /** Metric names the expression selects (used for the pending list and the metrics document). */
    public Set<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public String where() {
        return "[" + dashboard + "] \"" + panel + "\" " + refId;
    }
}
