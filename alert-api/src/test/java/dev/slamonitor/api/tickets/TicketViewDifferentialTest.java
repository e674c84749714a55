package dev.slamonitor.api.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact, indexed view against the reference model (snapshots as objects, a scan per query): the
 * same random updates, alerts and clock moves (sometimes backwards) applied to both, and after each
 * step the JSON the API renders (ticket detail, every page of random list queries, gauge counts) is
 * the same byte for byte.
 */
class TicketViewDifferentialTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = TicketSnapshots.BASE;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldRenderTheSameJsonAsTheReferenceView(long seed) throws Exception {
        TicketSnapshots gen = new TicketSnapshots(seed);
        Random random = gen.random();
        TestClock clock = new TestClock();
        TicketView view = new TicketView(300, clock);
        ReferenceTicketView reference = new ReferenceTicketView(300);
        List<Alert> sent = new ArrayList<>();
        int tickets = 40 + random.nextInt(160);
        for (int step = 0; step < 1500; step++) {
            String id = "T-" + String.format("%04d", random.nextInt(tickets));
            int action = random.nextInt(100);
            if (action < 45) {
                TicketSnapshot s = gen.snapshot(random.nextInt(30) == 0 ? "T-other" : id, clock.now);
                view.applySnapshot(id, roundTrip(s, TicketSnapshot.class));
                reference.applySnapshot(id, roundTrip(s, TicketSnapshot.class));
            } else if (action < 50) {
                view.applySnapshot(id, null);
                reference.applySnapshot(id, null);
            } else if (action < 75) {
                Alert a = random.nextInt(6) == 0 && !sent.isEmpty() ? sent.get(random.nextInt(sent.size()))
                        : gen.alert(random.nextInt(30) == 0 ? "T-other" : random.nextInt(20) == 0 ? null : id, clock.now);
                sent.add(a);
                assertThat(view.applyAlert(roundTrip(a, Alert.class))).isEqualTo(reference.applyAlert(roundTrip(a, Alert.class)));
            } else if (action < 90) {
                clock.now = clock.now.plusMillis(random.nextInt(20 * 60_000));
            } else {
                Instant now = random.nextInt(10) == 0 ? clock.now.minusSeconds(random.nextInt(3600)) : clock.now;
                compare(view, reference, gen, random, tickets, now);
            }
        }
        compare(view, reference, gen, random, tickets, clock.now.plusSeconds(7200));
    }

    private static void compare(TicketView view, ReferenceTicketView reference, TicketSnapshots gen, Random random,
                                int tickets, Instant now) throws Exception {
        assertThat(view.ticketCount()).isEqualTo(reference.ticketCount());
        for (int i = 0; i < tickets; i += 1 + random.nextInt(5)) {
            String id = "T-" + String.format("%04d", i);
            assertThat(detail(view.ticket(id).map(t -> TicketJson.detail(t, view.alertsOf(id), view.statesOf(t, now), now))))
                    .isEqualTo(detail(reference.ticket(id).map(t -> TicketJson.detail(t, reference.alertsOf(id),
                            reference.statesOf(t, now), now))));
        }
        for (int q = 0; q < 4; q++) {
            Set<TicketState> states = EnumSet.noneOf(TicketState.class);
            if (random.nextBoolean()) {
                states.add(TicketState.values()[random.nextInt(3)]);
                if (random.nextBoolean()) {
                    states.add(TicketState.values()[random.nextInt(3)]);
                }
            }
            TicketQuery base = new TicketQuery(states, some(random, "critical", "high", "medium", "low"),
                    some(random, "L1", "L2", "L3", "management"), some(random, "payments", "platform", "cx-operations"),
                    random.nextInt(4) == 0 ? new LinkedHashSet<>(List.of("C-" + random.nextInt(30))) : new LinkedHashSet<>(), 1 + random.nextInt(15), null);
            String after = null;
            for (int page = 0; page < 100; page++) {
                TicketQuery query = new TicketQuery(base.states(), base.severities(), base.tiers(), base.teams(), base.customers(),
                        base.limit(), after);
                TicketPage mine = view.list(query, now);
                TicketPage theirs = reference.list(query, now);
                assertThat(page(mine, now)).isEqualTo(page(theirs, now));
                assertThat(mine.nextAfter()).isEqualTo(theirs.nextAfter());
                if (mine.nextAfter() == null) {
                    break;
                }
                after = mine.nextAfter();
            }
        }
        assertThat(view.counts(now)).isEqualTo(reference.counts(now));
        String someAlert = "missing";
        assertThat(view.alert(someAlert)).isEqualTo(reference.alert(someAlert));
    }

    private static Set<String> some(Random random, String... values) {
        Set<String> out = new LinkedHashSet<>();
        if (random.nextInt(3) == 0) {
            for (String v : values) {
                if (random.nextInt(3) == 0) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static String page(TicketPage page, Instant now) throws Exception {
        ArrayNode items = Json.mapper().createArrayNode();
        page.items().forEach(e -> items.add(TicketJson.listItem(e.snapshot(), e.states(), now)));
        return Json.mapper().writeValueAsString(items);
    }

    private static String detail(java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> json) throws Exception {
        return json.isEmpty() ? "none" : Json.mapper().writeValueAsString(json.get());
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        return Json.mapper().readValue(Json.mapper().writeValueAsBytes(value), type);
    }
}
