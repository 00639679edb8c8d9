package dev.veloera.command.redemption;

import dev.veloera.command.DomainException;

/** Why a {@link Redemption} refused a command; messages are Veloera's, prefixed as it prefixes a failed redeem. */
public class RedemptionException extends DomainException {

    RedemptionException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static RedemptionException invalid(String message) {
        return new RedemptionException("invalid_request", 400, message);
    }

    static RedemptionException forbidden(String message) {
        return new RedemptionException("forbidden", 403, message);
    }

    static RedemptionException notFound() {
        return new RedemptionException("redemption_not_found", 404, "兑换失败，无效的兑换码");
    }

    static RedemptionException refused(String code, int httpStatus, String reason) {
        return new RedemptionException(code, httpStatus, "兑换失败，" + reason);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }
}
