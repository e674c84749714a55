package dev.slamonitor.api.knowledge;

import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read-only HTTP routes of the knowledge loop over a {@link KnowledgeView}:
 * <ul>
 *   <li>{@code GET /api/v1/root-causes/top?window=7d&limit=10}: tags by repeat count in a window, with owners</li>
 *   <li>{@code GET /api/v1/root-causes/:tag}: one tag's (or {@code unknown}'s) counts per window</li>
 *   <li>{@code GET /api/v1/remediation-items?status=open|closed|all}: remediation items, earliest due first</li>
 * </ul>
 * Handlers only read the in-memory view, so they never block the event loop. Authentication is the
 * API's: mount these on a router (or sub-router) that already runs the API's auth handler.
 */
public final class KnowledgeRoutes {

    public static final String TOP = "/api/v1/root-causes/top";
    public static final String TAG = "/api/v1/root-causes/:tag";
    public static final String ITEMS = "/api/v1/remediation-items";
    private static final int MAX_LIMIT = 100;

    private final KnowledgeView view;

    public KnowledgeRoutes(KnowledgeView view) {
        this.view = view;
    }

    /** Adds the routes; {@link #TOP} is registered before {@link #TAG} so "top" is never read as a tag. */
    public Router mount(Router router) {
        router.get(TOP).handler(this::top);
        router.get(TAG).handler(this::tag);
        router.get(ITEMS).handler(this::items);
        return router;
    }

    private void top(RoutingContext ctx) {
        List<String> windows = view.windows();
        String window = ctx.queryParams().get("window");
        if (window == null) {
            window = windows.isEmpty() ? "7d" : windows.contains("7d") ? "7d" : windows.get(0);
        } else if (!windows.isEmpty() && !windows.contains(window)) {
            Problems.invalid(ctx, "window", "'" + window + "' is not counted; counted windows: " + windows);
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(ctx.queryParams().get("limit") == null ? "10" : ctx.queryParams().get("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            Problems.invalid(ctx, "limit", "must be an integer between 1 and " + MAX_LIMIT);
            return;
        }
        String w = window;
        List<Map<String, Object>> rows = view.top(w, limit).stream().map(s -> row(s, w)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", w);
        body.put("tags", rows);
        Responses.json(ctx, 200, body);
    }

    private void tag(RoutingContext ctx) {
        String tag = ctx.pathParam("tag");
        view.tag(tag).ifPresentOrElse(s -> Responses.json(ctx, 200, s),
                () -> Problems.send(ctx, 404, "root-cause-not-found", "Root cause not found", "No repeat counts for root cause '"
                        + tag + "' (tags outside the taxonomy count under 'unknown')."));
    }

    private void items(RoutingContext ctx) {
        String status = ctx.queryParams().get("status") == null ? "open" : ctx.queryParams().get("status").toLowerCase(Locale.ROOT);
        RemediationItem.Status filter;
        switch (status) {
            case "open" -> filter = RemediationItem.Status.OPEN;
            case "closed" -> filter = RemediationItem.Status.CLOSED;
            case "all" -> filter = null;
            default -> {
                Problems.invalid(ctx, "status", "must be open, closed or all");
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("items", view.items(filter));
        Responses.json(ctx, 200, body);
    }

    private static Map<String, Object> row(RootCauseStats s, String window) {
        RootCauseStats.WindowCount w = s.windows().stream().filter(x -> x.window().equals(window)).findFirst().orElseThrow();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tag", s.tag());
        row.put("owner", s.owner());
        row.put("playbook", s.playbook());
        row.put("known", s.known());
        row.put("count", w.count());
        row.put("threshold", w.threshold());
        row.put("drifting", w.drifting());
        row.put("exampleTicketIds", w.exampleTicketIds());
        row.put("windows", s.windows());
        row.put("asOf", s.asOf());
        return row;
    }
}
