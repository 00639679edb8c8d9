package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The day (UTC, {@code yyyy-MM-dd}) of a {@link UserAccount}'s last check-in, taken from the check-in credits
 * themselves ({@link CreditSource#CHECK_IN}, {@code sourceId} the day): the account decides, one command at a
 * time, so however many check-ins race only the first of a day is credited.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class CheckIns {

    private String lastDay;

    static String day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    }

    boolean checkedIn(String day) {
        return day.equals(lastDay);
    }

    @EventSourcingHandler
    void on(QuotaCreditedEvent event) {
        if (CreditSource.CHECK_IN.equals(event.source())) {
            lastDay = event.sourceId();
        }
    }
}
