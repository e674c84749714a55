package dev.slamonitor.api.tickets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.QueryParams;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Read routes over the live view: one ticket, and filtered, paged lists. Runs on the view's context. */
public final class TicketRoutes {

    private final TicketView view;
    private final Clock clock;
    private final int defaultLimit;
    private final int maxLimit;

    public TicketRoutes(TicketView view, Clock clock, int defaultLimit, int maxLimit) {
        this.view = view;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    public void get(RoutingContext ctx) {
        String id = ctx.pathParam("ticketId");
        var ticket = view.ticket(id);
        if (ticket.isEmpty()) {
            Problems.send(ctx, 404, "ticket-not-found", "Ticket not found",
                    "No ticket '" + id + "' in the live view (unknown, or its snapshot has not arrived yet).");
            return;
        }
        Instant now = clock.instant();
        ObjectNode body = TicketJson.detail(ticket.get(), view.alertsOf(id), view.statesOf(ticket.get(), now), now);
        Responses.json(ctx, 200, body);
    }

    public void list(RoutingContext ctx) {
        QueryParams params = new QueryParams(ctx);
        Set<String> stateNames = params.set("state", s -> TicketState.parse(s).isPresent(), "one of at_risk, breached, escalated");
        Set<String> severities = params.severities();
        Set<String> tiers = params.tiers();
        Set<String> teams = params.set("team");
        Set<String> customers = params.set("customer");
        int limit = params.integer("limit", 1, maxLimit, defaultLimit);
        String after = params.cursor();
        if (!params.violations().isEmpty()) {
            Problems.invalid(ctx, "Bad query parameters.", params.violations());
            return;
        }
        EnumSet<TicketState> states = EnumSet.noneOf(TicketState.class);
        stateNames.forEach(s -> states.add(TicketState.parse(s).orElseThrow()));
        Instant now = clock.instant();
        TicketPage page = view.list(new TicketQuery(states, severities, tiers, teams, customers, limit, after), now);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(e -> items.add(TicketJson.listItem(e.snapshot(), e.states(), now)));
        if (page.nextAfter() != null) {
            body.put("nextCursor", QueryParams.cursorAfter(page.nextAfter()));
        }
        Responses.json(ctx, 200, body);
    }
}
