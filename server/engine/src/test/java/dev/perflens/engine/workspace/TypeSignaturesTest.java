package dev.perflens.engine.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeSignaturesTest {
    private static final String BASE = "package p; /** Doc. */ public class A { public int f = 1; private int g; "
            + "public java.util.List<String> items() { return java.util.List.of(); } private void helper() { } "
            + "static class Inner { void run() { } } }";

    /** Each row: a replacement in BASE, and whether files that use A could resolve differently. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "return java.util.List.of(); | return new java.util.ArrayList<>(); | false",
        "/** Doc. */ | /** Other documentation. */ | false",
        "private int g; | private long g; | false",
        "private void helper() { } | private void helper(int x) { } | false",
        "public java.util.List<String> items() | public java.util.Set<String> items() | true",
        "public int f = 1; | public long f = 1; | true",
        "void run() { } | void run(int times) { } | true",
        "public class A { | public class A implements Runnable { public void run() { } | true",
        "static class Inner | static class Renamed | true",
    })
    void onlyVisibleDeclarationsCount(String from, String to, boolean changed) {
        String edited = BASE.replace(from, to);
        assertEquals(changed, !TypeSignatures.of(BASE).equals(TypeSignatures.of(edited)), edited);
    }

    @Test
    void typeNamesIncludeNestedTypes() {
        assertEquals(List.of("A", "Inner"), TypeSignatures.of(BASE).typeNames());
    }
}
