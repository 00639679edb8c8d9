package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.user.CheckInCommand;
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

    /** The credit of today's check-in on top of {@code quotaBefore}; refused when today's is done. */
    QuotaCreditedEvent credit(String userId, CheckInCommand command, long quotaBefore, Instant now) {
        UserAccountException.require(command.amount() > 0, "a check-in credits a positive amount");
        String today = day(now);
        if (checkedIn(today)) {
            throw new UserAccountException("already_checked_in", 409, "you have already checked in today");
        }
        return new QuotaCreditedEvent(userId, command.amount(), Math.addExact(quotaBefore, command.amount()),
                CreditSource.CHECK_IN, today, "daily check-in", now.getEpochSecond(), command.actor());
    }

    @EventSourcingHandler
    void on(QuotaCreditedEvent event) {
        if (CreditSource.CHECK_IN.equals(event.source())) {
            lastDay = event.sourceId();
        }
    }
}
