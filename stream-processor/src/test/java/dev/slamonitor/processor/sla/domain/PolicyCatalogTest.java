package dev.slamonitor.processor.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

    private static final SlaPolicy DEFAULT = SlaPolicyChannel.defaultPolicy();

    private static SlaPolicy policy(String id, int priority, SlaPolicy.Selector selector) {
        return new SlaPolicy(id, 1, null, priority, selector, DEFAULT.warnFraction(), DEFAULT.calendars(),
                DEFAULT.calendarBySeverity(), DEFAULT.tierLimits(), DEFAULT.firstResponse(), DEFAULT.customerUpdate(),
                DEFAULT.handoffAck(), DEFAULT.autoEscalation(), DEFAULT.renotify());
    }

    private static SlaPolicy.Selector selector(Set<Severity> severities, Set<String> tiers, Set<String> teams) {
        return new SlaPolicy.Selector(severities, tiers, teams, List.of());
    }

    private static Ticket ticket(String id, Severity severity, String customerTier, String team) {
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        return new Ticket(id, TicketStatus.OPEN, t, severity, t, SupportTier.L1, t, null, null,
                new Customer("C-1", customerTier, false, "UTC"), team, "email", t, t, null, null, 0, 0, 0, 0, 0, null,
                null, null, 1, 0);
    }

    @Test
    void shouldSelectTheHighestPriorityPolicyWhoseSelectorMatches() {
        // given an enterprise policy, a payments-critical policy with higher priority, and the fallback
        SlaPolicy enterprise = policy("enterprise", 10, selector(Set.of(), Set.of("enterprise"), Set.of()));
        SlaPolicy paymentsCritical = policy("payments-critical", 20,
                selector(Set.of(Severity.CRITICAL), Set.of(), Set.of("payments")));
        PolicyCatalog catalog = new PolicyCatalog(List.of(enterprise, paymentsCritical), DEFAULT);

        // then selection follows selectors and priority
        assertThat(catalog.select(ticket("T-1", Severity.CRITICAL, "enterprise", "payments")).id()).isEqualTo("payments-critical");
        assertThat(catalog.select(ticket("T-2", Severity.HIGH, "enterprise", "payments")).id()).isEqualTo("enterprise");
        assertThat(catalog.select(ticket("T-3", Severity.HIGH, "standard", "payments")).id()).isEqualTo("default");
    }

    @Test
    void shouldBreakPriorityTiesByIdAndMatchTicketIdPrefixes() {
        SlaPolicy b = policy("b", 5, selector(Set.of(), Set.of(), Set.of()));
        SlaPolicy a = policy("a", 5, selector(Set.of(), Set.of(), Set.of()));
        SlaPolicy demo = policy("demo", 100, new SlaPolicy.Selector(Set.of(), Set.of(), Set.of(), List.of("DEMO-")));
        PolicyCatalog catalog = new PolicyCatalog(List.of(b, a, demo), DEFAULT);

        assertThat(catalog.select(ticket("T-1", Severity.LOW, "standard", "x")).id()).isEqualTo("a");
        assertThat(catalog.select(ticket("DEMO-7", Severity.LOW, "standard", "x")).id()).isEqualTo("demo");
        assertThat(catalog.fingerprint()).isEqualTo("a v1,b v1,demo v1");
    }

    @Test
    void shouldPreferAPublishedVersionOfTheDefaultOverTheBundledOne() {
        SlaPolicy published = new SlaPolicy("default", 2, null, 0, DEFAULT.selector(), DEFAULT.warnFraction(),
                DEFAULT.calendars(), DEFAULT.calendarBySeverity(), DEFAULT.tierLimits(), DEFAULT.firstResponse(),
                DEFAULT.customerUpdate(), DEFAULT.handoffAck(), DEFAULT.autoEscalation(), DEFAULT.renotify());
        assertThat(new PolicyCatalog(List.of(published), DEFAULT).select(ticket("T-1", Severity.LOW, "s", "x")).version())
                .isEqualTo(2);
    }
}
