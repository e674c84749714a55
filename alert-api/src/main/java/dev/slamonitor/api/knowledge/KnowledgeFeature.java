package dev.slamonitor.api.knowledge;

import dev.slamonitor.api.kafka.Binding;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.topic.Topics;
import io.vertx.ext.web.Router;
import java.util.List;

/** The knowledge loop's read routes (root causes, remediation items; viewer) over their compacted topics. */
public final class KnowledgeFeature implements Feature {

    private final KnowledgeView view = new KnowledgeView();
    private final TopicFeed feed;

    public KnowledgeFeature(ApiEnvironment env) {
        this.feed = env.feed("knowledge", bindings(env.topics(), view));
    }

    /** The root-cause stats and remediation items topics bound to {@code view}; a record without a key is skipped. */
    public static List<Binding<?>> bindings(Topics topics, KnowledgeView view) {
        return List.of(Binding.table(topics.rootCauseStats(), view::applyStats),
                Binding.table(topics.remediationItems(), view::applyItem));
    }

    @Override
    public void mount(Router router, Guards guards) {
        router.route(V1 + "/root-causes/*").handler(guards.role(Role.VIEWER));
        router.route(KnowledgeRoutes.ITEMS).handler(guards.role(Role.VIEWER));
        new KnowledgeRoutes(view).mount(router);
    }

    @Override
    public List<TopicFeed> feeds() {
        return List.of(feed);
    }
}
