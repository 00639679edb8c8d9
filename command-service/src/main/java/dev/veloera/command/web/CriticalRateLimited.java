package dev.veloera.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method as one of Veloera's critical routes (login, register, redeem): each client address may
 * call them at most {@link CriticalRateLimit#LIMIT} times per {@link CriticalRateLimit#WINDOW}, all marked routes
 * counted together, then 429 in the envelope.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CriticalRateLimited {
}
