package dev.slamonitor.processor.refund.domain;

import dev.slamonitor.refund.LeakageView.Line;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags approvers (or teams) whose approved amount in a period is out of line with their peers.
 *
 * <p>Method: within one currency and period, a line with at least {@code minCount} approvals is an
 * outlier when its amount is more than {@code factor} times the median amount of its peers (every
 * other line of the same dimension and currency, itself excluded), provided there are at least
 * {@code minPeers} peers. The median resists the outliers themselves, which a mean would not; the
 * minimum count keeps one large but legitimate refund from flagging a person; excluding the line
 * from its own baseline keeps a dominant approver from hiding in a median it moves.
 */
public final class OutlierDetector {

    private OutlierDetector() {
    }

    public static List<Line> mark(List<Line> lines, BigDecimal factor, int minCount, int minPeers) {
        List<Line> out = new ArrayList<>(lines.size());
        for (Line line : lines) {
            if (line.count() < minCount) {
                out.add(line);
                continue;
            }
            List<BigDecimal> peers = lines.stream()
                    .filter(o -> o != line && o.currency().equals(line.currency()))
                    .map(Line::amount).sorted().toList();
            if (peers.size() < minPeers) {
                out.add(line);
                continue;
            }
            BigDecimal median = median(peers);
            boolean outlier = line.amount().compareTo(median.multiply(factor)) > 0;
            out.add(new Line(line.key(), line.currency(), line.count(), line.amount(), outlier, median));
        }
        return out;
    }

    static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros();
    }
}
