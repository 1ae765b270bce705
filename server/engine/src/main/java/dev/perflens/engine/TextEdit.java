package dev.perflens.engine;

/** Replace {@code length} chars at {@code offset} with {@code newText}; offsets in UTF-16 units. */
public record TextEdit(int offset, int length, String newText) {
}
