package dev.slamonitor.processor.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.refund.LeakageView.Line;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {

    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    private static Line line(String key, String currency, long count, String amount) {
        return new Line(key, currency, count, new BigDecimal(amount), false, null);
    }

    @Test
    void shouldFlagOnlyAmountsStrictlyAboveFactorTimesThePeerMedian() {
        // given three peers with median 100 (even counts average the middle two: (90 + 110) / 2)
        List<Line> peers = List.of(line("a", "EUR", 1, "90"), line("b", "EUR", 1, "110"), line("c", "EUR", 1, "100"),
                line("d", "EUR", 1, "100"));

        // when candidates at exactly 3 x and just above are marked against them
        Line atLimit = OutlierDetector.mark(append(peers, line("x", "EUR", 5, "300")), THREE, 5, 3).get(4);
        Line above = OutlierDetector.mark(append(peers, line("x", "EUR", 5, "300.01")), THREE, 5, 3).get(4);

        // then only the amount strictly above is an outlier
        assertThat(atLimit.peerMedian()).isEqualByComparingTo("100");
        assertThat(atLimit.outlier()).isFalse();
        assertThat(above.outlier()).isTrue();
    }

    private static List<Line> append(List<Line> lines, Line extra) {
        List<Line> out = new ArrayList<>(lines);
        out.add(extra);
        return out;
    }

    @Test
    void shouldCompareOnlyWithPeersOfTheSameCurrencyAndNeedEnoughPeersAndApprovals() {
        // given a big EUR approver with only two EUR peers, and USD lines that must not count as peers
        List<Line> lines = List.of(line("a", "EUR", 1, "10"), line("b", "EUR", 1, "10"),
                line("big", "EUR", 9, "1000"), line("x", "USD", 1, "10"), line("y", "USD", 1, "10"));

        // then with three peers required it is not tested; with two it is an outlier
        assertThat(OutlierDetector.mark(lines, THREE, 5, 3).get(2).outlier()).isFalse();
        assertThat(OutlierDetector.mark(lines, THREE, 5, 2).get(2).outlier()).isTrue();
        // and a line under the minimum count is never tested
        assertThat(OutlierDetector.mark(lines, THREE, 10, 2).get(2).peerMedian()).isNull();
    }

    @Test
    void shouldTakeTheMiddleOfAnOddNumberOfPeers() {
        assertThat(OutlierDetector.median(List.of(BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("50"))))
                .isEqualByComparingTo("10");
    }
}
