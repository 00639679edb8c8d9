package dev.veloera.contracts.option;

/** What an option's value must look like; command-service refuses a value that does not fit its key's kind. */
public enum OptionKind {
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A whole number, zero or more. */
    COUNT,
    /** A decimal number, zero or more. */
    AMOUNT,
    /** A JSON object from name to a number, zero or more ({@code ModelRatio}, {@code GroupRatio}, …). */
    RATIO_MAP,
    /** A JSON object from name to text ({@code UserUsableGroups}). */
    NAME_MAP,
    /** Any JSON value ({@code Chats}, the dotted model settings). */
    JSON,
    /** Free text (site texts, addresses, keyword lists one a line). */
    TEXT
}
