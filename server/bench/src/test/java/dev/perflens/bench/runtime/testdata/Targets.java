package dev.perflens.bench.runtime.testdata;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Methods whose inputs InputsTest generates. */
public final class Targets {
    public enum Color { RED, GREEN }

    public record Item(String name, int quantity, List<String> tags, Color color) {
    }

    /** A POJO: its constructor with the most parameters is used. */
    public static final class Account {
        private final String owner;
        private final long balance;

        public Account() {
            this("nobody", 0);
        }

        public Account(String owner, long balance) {
            this.owner = owner;
            this.balance = balance;
        }

        public String owner() {
            return owner;
        }

        public long balance() {
            return balance;
        }
    }

    private final String prefix;

    public Targets(String prefix) {
        this.prefix = prefix;
    }

    public int common(int count, long total, boolean flag, double ratio, char letter, String text, int[] numbers,
                      String[] words, List<String> names, Set<Integer> ids, Map<String, Long> totals,
                      Collection<Item> items, Account account, Color color) {
        return count;
    }

    public int nested(List<List<String>> groups, Map<String, List<Item>> byName) {
        return groups.size();
    }

    public static int unsupported(InputStream in) {
        return 0;
    }

    /** Supplied by PerflensInputs.wanted (by parameter name). */
    static int provided(List<String> wanted, List<String> other) {
        return wanted.size();
    }

    public String prefix() {
        return prefix;
    }
}
