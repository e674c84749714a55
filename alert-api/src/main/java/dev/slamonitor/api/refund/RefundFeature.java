package dev.slamonitor.api.refund;

import dev.slamonitor.api.kafka.Binding;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.topic.Topics;
import io.vertx.ext.web.Router;
import java.util.List;

/** Refund governance read routes ({@code /refunds/*}, viewer) over the approvals and leakage topics. */
public final class RefundFeature implements Feature {

    private final RefundView view = new RefundView();
    private final TopicFeed feed;

    public RefundFeature(ApiEnvironment env) {
        this.feed = env.feed("refund", bindings(env.topics(), view));
    }

    /** The approvals and leakage topics bound to {@code view}; a record without a key is skipped. */
    public static List<Binding<?>> bindings(Topics topics, RefundView view) {
        return List.of(Binding.table(topics.refundApprovals(), view::onApproval),
                Binding.table(topics.refundLeakage(), view::onLeakage));
    }

    @Override
    public void mount(Router router, Guards guards) {
        router.route(V1 + "/refunds/*").handler(guards.role(Role.VIEWER));
        RefundRoutes.mount(router, view);
    }

    @Override
    public List<TopicFeed> feeds() {
        return List.of(feed);
    }
}
