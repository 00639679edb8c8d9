package dev.veloera.command.user;

import dev.veloera.command.DomainException;
import dev.veloera.contracts.api.GatewayError;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link DomainException} by its error code. */
final class Refusals {

    private Refusals() {
    }

    static Matcher<DomainException> refusedWith(GatewayError error) {
        return refusedWith(error.code());
    }

    static Matcher<DomainException> refusedWith(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException item) {
                return code.equals(item.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code ").appendValue(code);
            }
        };
    }
}
