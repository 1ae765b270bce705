package dev.perflens.engine.rule;

/**
 * A size the code fixes or caps where a rule can see it: the number of elements a collection
 * or array can hold, or the number of passes a loop can make.
 *
 * @param size   the largest number of elements (or passes) the code allows
 * @param reason where the bound comes from, as a message says it after "bounded at N by",
 *               e.g. "the List.of literal" or "the enum State (4 constants)"
 */
public record SizeBound(long size, String reason) {
    /** Up to this size, work per element is too small to be worth a warning. */
    public static final long SMALL = 16;

    public boolean isSmall() {
        return size <= SMALL;
    }

    /** "size bounded at 4 by the List.of literal" */
    public String describe() {
        return "size bounded at " + size + " by " + reason;
    }
}
