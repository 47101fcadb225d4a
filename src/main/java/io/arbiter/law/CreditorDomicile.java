package io.arbiter.law;

/** Where the creditor lives, which sets the time it has to declare a claim (Code de commerce R622-24). */
public enum CreditorDomicile {
    /** Metropolitan France (including Corsica): two months. */
    METROPOLITAN_FRANCE,
    /** Outside metropolitan France (abroad or overseas): two months more, four in all. */
    OUTSIDE_METROPOLITAN_FRANCE
}
