package dev.veloera.relay.quota;

import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;

/** Where leases come from and go back to: command-service's lease API ({@link LeaseClient}). */
interface LeaseService {

    /** A grant, or a {@link dev.veloera.relay.web.RelayException} saying why not. */
    LeaseGrant grant(LeaseRequest request);

    /** Hands a lease back; false when it was not taken (the caller tries again later). */
    boolean giveBack(LeaseReturn lease);
}
