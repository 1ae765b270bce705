package dev.perflens.bench.runtime.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The provider convention: a method named like the parameter, taking (int size, Random random). */
final class PerflensInputs {
    private PerflensInputs() {
    }

    static List<String> wanted(int size, Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add("id-" + i);
        }
        return ids;
    }
}
