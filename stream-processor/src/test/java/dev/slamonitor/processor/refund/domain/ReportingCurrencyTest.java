package dev.slamonitor.processor.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingCurrencyTest {

    private static final ReportingCurrency EUR = ReportingCurrency.parse("EUR", "USD=0.92, jpy=0.0061", LocalDate.of(2027, 6, 30));

    @Test
    void shouldConvertEveryKnownCurrencyIntoTheReportingOne() {
        assertThat(EUR.convert("USD", new BigDecimal("100"))).contains(new BigDecimal("92.0000"));
        assertThat(EUR.convert("JPY", new BigDecimal("10000"))).contains(new BigDecimal("61.0000"));
        assertThat(EUR.convert("eur", new BigDecimal("12.5"))).contains(new BigDecimal("12.5"));
    }

    @Test
    void shouldNotGuessARateItDoesNotHave() {
        assertThat(EUR.convert("CHF", BigDecimal.TEN)).isEmpty();
        assertThat(EUR.convert(null, BigDecimal.TEN)).isEmpty();
    }

    @Test
    void shouldRefuseMalformedTablesNamingTheEntry() {
        assertThatThrownBy(() -> ReportingCurrency.parse("EUR", "USD=0.92,GBP", LocalDate.MAX)).hasMessageContaining("'GBP'");
        assertThatThrownBy(() -> ReportingCurrency.parse("EUR", "USD=-1", LocalDate.MAX)).hasMessageContaining("'USD=-1'");
        assertThatThrownBy(() -> ReportingCurrency.parse("EURO", "", LocalDate.MAX)).hasMessageContaining("'EURO'");
    }
}
