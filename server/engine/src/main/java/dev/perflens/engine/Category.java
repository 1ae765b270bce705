package dev.perflens.engine;

/** The family a rule belongs to; used for grouping in docs and reports. */
public enum Category {
    STRINGS, COLLECTIONS, REGEX, IO, OBJECTS, DATA_ACCESS, CONCURRENCY, MEMORY
}
