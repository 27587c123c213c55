package dev.harrier.core.correlation;

import java.time.Instant;

/**
 * An event that took part in a correlation: the rule that matched it and where it came from.
 *
 * @param rule the id (or name) of the rule or correlation that produced it
 * @param path the input file, or null for a correlation alert used by a chained correlation
 * @param locator the record's place in the file
 */
public record EventRef(String rule, String path, String locator, Instant timestamp) {}
