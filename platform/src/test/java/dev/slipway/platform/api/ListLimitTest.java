package dev.slipway.platform.api;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListLimitTest {

    @ParameterizedTest
    @NullAndEmptySource
    void absentMeansTheDefault(String raw) {
        assertThat(ListLimit.parse(raw)).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "200,200", "' 7 ',7"})
    void acceptsWholeNumbersInRange(String raw, int expected) {
        assertThat(ListLimit.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-3", "ten", "1.5"})
    void refusesTheRestNamingTheRule(String raw) {
        assertThatThrownBy(() -> ListLimit.parse(raw))
                .isInstanceOf(WebApplicationException.class)
                .hasMessage("limit must be a whole number from 1 to 200, got '" + raw + "'")
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(400));
    }
}
