package dev.slamonitor.api.refund;

import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.refund.LeakageView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Read-only HTTP routes over {@link RefundView}; the API mounts them behind its authentication:
 * <ul>
 *   <li>{@code GET /api/v1/refunds/leakage?month=yyyy-MM&by=code|approver|team}: approved amounts of a
 *       calendar month (without {@code month}: the rolling 30 days), all three dimensions or one;</li>
 *   <li>{@code GET /api/v1/refunds/approvals?refundId=...} (one audit record) or
 *       {@code ?approver=...&limit=n} (the approver's decisions, newest first, limit 1-1000, default 100).</li>
 * </ul>
 * Bad parameters answer 400 and unknown items 404, both as {@code application/problem+json}.
 */
public final class RefundRoutes {

    public static final String LEAKAGE_PATH = "/api/v1/refunds/leakage";
    public static final String APPROVALS_PATH = "/api/v1/refunds/approvals";
    private static final Pattern MONTH = Pattern.compile("^\\d{4}-(0[1-9]|1[0-2])$");
    private static final List<String> DIMENSIONS = List.of("code", "approver", "team");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final RefundView view;

    private RefundRoutes(RefundView view) {
        this.view = view;
    }

    public static void mount(Router router, RefundView view) {
        RefundRoutes routes = new RefundRoutes(view);
        router.get(LEAKAGE_PATH).handler(routes::leakage);
        router.get(APPROVALS_PATH).handler(routes::approvals);
    }

    private void leakage(RoutingContext ctx) {
        String month = ctx.request().getParam("month");
        String by = ctx.request().getParam("by");
        if (month != null && !MONTH.matcher(month).matches()) {
            Problems.invalid(ctx, "month", "must be yyyy-MM, e.g. 2026-11; omit it for the rolling 30 days");
            return;
        }
        if (by != null && !DIMENSIONS.contains(by)) {
            Problems.invalid(ctx, "by", "must be one of " + DIMENSIONS);
            return;
        }
        String period = month == null ? LeakageView.ROLLING_30_DAYS : month;
        view.leakage(period).ifPresentOrElse(v -> json(ctx, by == null ? v : oneDimension(v, by)),
                () -> Problems.send(ctx, 404, "leakage-not-found", "No leakage recorded",
                        "No approved refunds recorded for period " + period + "."));
    }

    private static Map<String, Object> oneDimension(LeakageView v, String by) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", v.period());
        out.put("from", v.from());
        out.put("to", v.to());
        out.put("zone", v.zone());
        out.put("by", by);
        out.put("totals", v.totals());
        out.put("lines", switch (by) {
            case "code" -> v.byCode();
            case "approver" -> v.byApprover();
            default -> v.byTeam();
        });
        out.put("updatedAt", v.updatedAt());
        return out;
    }

    private void approvals(RoutingContext ctx) {
        String refundId = ctx.request().getParam("refundId");
        String approver = ctx.request().getParam("approver");
        if ((refundId == null) == (approver == null)) {
            Problems.invalid(ctx, "refundId", "give exactly one of refundId or approver");
            return;
        }
        if (refundId != null) {
            view.approval(refundId).ifPresentOrElse(r -> json(ctx, r),
                    () -> Problems.send(ctx, 404, "approval-not-found", "Approval record not found",
                            "No decision recorded for refund " + refundId + "."));
            return;
        }
        int limit;
        try {
            String raw = ctx.request().getParam("limit");
            limit = raw == null ? DEFAULT_LIMIT : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            Problems.invalid(ctx, "limit", "must be an integer from 1 to " + MAX_LIMIT);
            return;
        }
        json(ctx, Map.of("approver", approver, "approvals", view.approvalsBy(approver, limit)));
    }

    private static void json(RoutingContext ctx, Object body) {
        Responses.json(ctx, 200, body);
    }
}
