package dev.slamonitor.processor.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {

    private final PolicyReader reader = new PolicyReader();

    @Test
    void shouldReadTheBundledDefaultPolicyAsTheBriefsMatrix() {
        // when
        SlaPolicy p = SlaPolicyChannel.defaultPolicy();

        // then every cell of the escalation matrix is there (days are business days of the calendar)
        assertThat(p.id()).isEqualTo("default");
        assertThat(p.tierLimits().get(Severity.CRITICAL)).containsEntry(SupportTier.L1, PolicyDuration.parse("15m").orElseThrow())
                .containsEntry(SupportTier.L2, PolicyDuration.parse("1h").orElseThrow())
                .containsEntry(SupportTier.L3, PolicyDuration.parse("2h").orElseThrow())
                .containsEntry(SupportTier.MANAGEMENT, PolicyDuration.IMMEDIATE);
        assertThat(p.tierLimits().get(Severity.HIGH).values()).extracting(PolicyDuration::toString)
                .containsExactly("2h", "4h", "8h", "4h");
        assertThat(p.tierLimits().get(Severity.MEDIUM).values()).extracting(PolicyDuration::toString)
                .containsExactly("4h", "1d", "2d", "1d");
        assertThat(p.tierLimits().get(Severity.LOW)).doesNotContainKey(SupportTier.MANAGEMENT);
        assertThat(p.tierLimits().get(Severity.LOW).values()).extracting(PolicyDuration::toString)
                .containsExactly("1d", "2d", "3d");
        assertThat(p.calendarFor(Severity.CRITICAL).alwaysOpen()).isTrue();
        assertThat(p.calendarFor(Severity.HIGH).usesCustomerZone()).isTrue();
        assertThat(p.handoffAck().toString()).isEqualTo("15m");
        assertThat(p.warnFraction()).isEqualTo(0.75);
        assertThat(p.customerUpdate()).doesNotContainKey(Severity.LOW);
        assertThat(p.autoEscalation().customerReplies()).isEqualTo(3);
        assertThat(p.autoEscalation().csatBelow()).isEqualTo(3);
        assertThat(p.autoEscalation().vipAccount()).isTrue();
    }

    @Test
    void shouldRefuseABadPolicyNamingEveryProblem() {
        // given a policy with several mistakes
        String json = """
                {"id":"bad","version":0,"warnFraction":1.5,
                 "calendars":{"bh":{"zone":"Mars/Olympus","weeklyHours":{"MONDAY":["17:00-09:00"]},"businessDay":"8h"}},
                 "calendarBySeverity":{"critical":"nope","high":"bh","medium":"bh","low":"bh"},
                 "tierLimits":{"critical":{"L1":"15 minutes","L2":"1h","L3":"2h","management":"immediate"},
                               "high":{"L1":"2h","L2":"4h","L3":"8h","management":"4h"},
                               "medium":{"L1":"4h","L2":"1d","L3":"2d","management":"1d"}},
                 "firstResponse":{"critical":"15m","high":"30m","medium":"30m","low":"30m"},
                 "handoffAck":"15m"}
                """;

        // when
        Result<SlaPolicy> result = reader.read(json.getBytes(StandardCharsets.UTF_8));

        // then nothing is accepted and each problem is named by its path
        assertThat(result.isOk()).isFalse();
        assertThat(result.detail())
                .contains("version: must have a minimum value of 1")
                .contains("warnFraction: must have an exclusive maximum value of 1")
                .contains("calendars.bh.zone: 'Mars/Olympus' is not an IANA time zone")
                .contains("calendars.bh.weeklyHours.MONDAY: '17:00-09:00' ends before it starts")
                .contains("calendarBySeverity.critical: unknown calendar 'nope'")
                .contains("tierLimits.critical.L1: '15 minutes' is not a duration")
                .contains("tierLimits.low: required");
    }

    @Test
    void shouldRefuseUnknownFieldsAndNonJson() {
        assertThat(reader.read("{\"id\":\"x\",\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8)).detail())
                .contains("colour");
        assertThat(reader.read("not json".getBytes(StandardCharsets.UTF_8)).detail()).startsWith("not valid JSON");
        assertThat(reader.read(new byte[0]).isOk()).isFalse();
    }
}
