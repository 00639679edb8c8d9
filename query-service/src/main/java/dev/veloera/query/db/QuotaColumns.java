package dev.veloera.query.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed keeps quota columns 32-bit ({@code INT}, at most about 4 295 USD at 500 000 quota per
 * USD) while the events carry 64-bit balances. A projection that failed on a larger value would
 * stop every read-model update behind it, so the value is capped and an operator is told; the
 * event store keeps the exact figure.
 */
public final class QuotaColumns {

    private static final Logger log = LoggerFactory.getLogger(QuotaColumns.class);

    private QuotaColumns() {
    }

    public static long fit(long value, String column, Object rowId) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            long capped = value > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            log.warn("{} of row {} is {}, beyond the INT column of the seed schema; stored {} instead. "
                    + "The event store holds the exact value; widen the column to keep it in the read model.",
                    column, rowId, value, capped);
            return capped;
        }
        return value;
    }
}
