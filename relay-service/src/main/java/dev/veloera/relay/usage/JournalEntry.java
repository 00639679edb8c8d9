package dev.veloera.relay.usage;

/**
 * One usage record read back from the journal.
 *
 * @param key              the Kafka key (the user id)
 * @param value            the record's JSON, as appended
 * @param appendedAtMicros wall-clock time of the append, epoch microseconds
 * @param position         journal position of the record's frame
 * @param next             journal position just after it: the acknowledged position once Kafka has it
 */
record JournalEntry(String key, byte[] value, long appendedAtMicros, long position, long next) {
}
