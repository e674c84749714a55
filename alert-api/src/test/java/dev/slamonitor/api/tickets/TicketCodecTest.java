package dev.slamonitor.api.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.json.Json;
import dev.slamonitor.state.TicketSnapshot;
import org.junit.jupiter.api.Test;

class TicketCodecTest {

    @Test
    void shouldDecodeEverySnapshotToAnEqualOneWithTheSameJson() throws Exception {
        // given a codec whose pool is small enough to overflow into inline strings
        TicketCodec codec = new TicketCodec(new StringPool(12));
        TicketSnapshots gen = new TicketSnapshots(42);
        for (int i = 0; i < 20_000; i++) {
            String key = "T-" + i;
            TicketSnapshot s = gen.snapshot(i % 50 == 0 ? "other-" + i : key, TicketSnapshots.BASE);
            // when encoded and decoded
            TicketSnapshot back = codec.decode(key, codec.encode(key, s));
            // then the snapshot and its JSON are the same
            assertThat(back).isEqualTo(s);
            assertThat(Json.mapper().writeValueAsString(back)).isEqualTo(Json.mapper().writeValueAsString(s));
        }
    }

    @Test
    void shouldKeepTheTicketSmallerThanItsJson() throws Exception {
        TicketCodec codec = new TicketCodec(new StringPool(1000));
        TicketSnapshot s = new TicketSnapshots(7).snapshot("T-1", TicketSnapshots.BASE);
        assertThat(codec.encode("T-1", s).length).isLessThan(Json.mapper().writeValueAsBytes(s).length / 2);
    }
}
