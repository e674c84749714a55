package dev.slamonitor.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LateInputTest {

    private static final Instant OPENED = Instant.parse("2026-12-01T19:31:24Z");
    private static final Instant WARN_DUE = OPENED.plusSeconds(15);

    /** Ticket T-1 opened (acknowledged at once), then paused 5 s later, the pause acknowledged at {@code pauseAcked}. */
    private static LateInput pausedTicket(Instant pauseAcked) {
        LateInput input = new LateInput();
        input.sent("open", "T-1", OPENED);
        input.sent("pause", "T-1", OPENED.plusSeconds(5));
        input.acknowledged("open", OPENED.plusMillis(20));
        input.acknowledged("pause", pauseAcked);
        return input;
    }

    @Test
    void shouldNotExplainAnAlertWhenTheDecidingEventWasAcknowledgedBeforeItWasDue() {
        assertThat(pausedTicket(OPENED.plusSeconds(6)).explains("T-1", WARN_DUE)).isFalse();
    }

    @Test
    void shouldExplainAnAlertByAnEventPlannedBeforeItsDueButAcknowledgedAtOrAfterIt() {
        // given a pause the cluster acknowledged only 1.8 s after the warning was due (a broker failure held the write)
        LateInput late = pausedTicket(WARN_DUE.plusMillis(1_800));

        // then it explains the warning, an event never acknowledged explains too, but not for another
        // ticket, nor for an alert due before the event was planned
        assertThat(late.explains("T-1", WARN_DUE)).isTrue();
        late.sent("reply", "T-2", OPENED.plusSeconds(5));
        assertThat(late.explains("T-2", WARN_DUE)).isTrue();
        assertThat(late.explains("T-3", WARN_DUE)).isFalse();
        assertThat(late.explains("T-1", OPENED.plusSeconds(4))).isFalse();
        assertThat(late.describe("T-1")).containsExactly("open planned " + OPENED + " acked " + OPENED.plusMillis(20),
                "pause planned " + OPENED.plusSeconds(5) + " acked " + WARN_DUE.plusMillis(1_800));
    }
}
