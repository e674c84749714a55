package dev.slamonitor.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LateInputTest {

    private static final Instant OPENED = Instant.parse("2026-12-01T19:31:24Z");
    private static final Instant WARN_DUE = OPENED.plusSeconds(15);

    @Test
    void shouldExplainAnAlertOnlyByAnEventPlannedBeforeItsDueButAcknowledgedAtOrAfterIt() {
        // given a ticket opened, then paused 5 s later, both planned
        LateInput input = new LateInput();
        input.sent("open", "T-1", OPENED);
        input.sent("pause", "T-1", OPENED.plusSeconds(5));
        input.acknowledged("open", OPENED.plusMillis(20));

        // when the pause is acknowledged in time, nothing is explained
        input.acknowledged("pause", OPENED.plusSeconds(6));
        assertThat(input.explains("T-1", WARN_DUE)).isFalse();

        // then a pause the cluster acknowledged only after the warning was due explains it
        LateInput late = new LateInput();
        late.sent("open", "T-1", OPENED);
        late.sent("pause", "T-1", OPENED.plusSeconds(5));
        late.acknowledged("open", OPENED.plusMillis(20));
        late.acknowledged("pause", WARN_DUE.plusMillis(1_800));
        assertThat(late.explains("T-1", WARN_DUE)).isTrue();
        // as does one never acknowledged, but not for another ticket, nor an event planned after the due time
        late.sent("reply", "T-2", OPENED.plusSeconds(5));
        assertThat(late.explains("T-2", WARN_DUE)).isTrue();
        assertThat(late.explains("T-3", WARN_DUE)).isFalse();
        assertThat(late.explains("T-1", OPENED.plusSeconds(4))).isFalse();
        assertThat(late.describe("T-1")).containsExactly("open planned " + OPENED + " acked " + OPENED.plusMillis(20),
                "pause planned " + OPENED.plusSeconds(5) + " acked " + WARN_DUE.plusMillis(1_800));
    }
}
