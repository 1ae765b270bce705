package dev.perflens.bench.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.runtime.testdata.Targets;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputsTest {
    private static final Class<?>[] COMMON = {int.class, long.class, boolean.class, double.class, char.class,
        String.class, int[].class, String[].class, List.class, Set.class, Map.class, Collection.class,
        Targets.Account.class, Targets.Color.class};
    private static final String[] COMMON_NAMES = {"count", "total", "flag", "ratio", "letter", "text", "numbers",
        "words", "names", "ids", "totals", "items", "account", "color"};

    @Test
    void generatesCommonTypesAtTheRequestedSize() throws Throwable {
        Inputs inputs = Inputs.forMethod(Targets.class, "common", COMMON, COMMON_NAMES, 50, 7);
        Targets receiver = inputs.receiver();
        assertEquals(8, receiver.prefix().length(), "a constructor's String is a vocabulary word");
        assertEquals(50, (int) inputs.argument(0), "a top-level int is the size");
        assertEquals(50L, (long) inputs.argument(1));
        assertEquals(50, ((String) inputs.argument(5)).length(), "a top-level String has size characters");
        assertEquals(50, ((int[]) inputs.argument(6)).length);
        assertEquals(50, ((String[]) inputs.argument(7)).length);
        List<String> names = inputs.argument(8);
        assertEquals(50, names.size());
        Set<Integer> ids = inputs.argument(9);
        assertTrue(ids.size() > 20 && ids.size() <= 50, "a set of 50 draws from 100 values: " + ids.size());
        Map<String, Long> totals = inputs.argument(10);
        assertTrue(totals.values().iterator().next() instanceof Long);
        Collection<Targets.Item> items = inputs.argument(11);
        assertEquals(50, items.size());
        Targets.Item item = items.iterator().next();
        assertTrue(item.tags().size() <= Inputs.NESTED_SIZE, "nested collections stay small");
        assertTrue(item.color() != null);
        Targets.Account account = inputs.argument(12);
        assertEquals(8, account.owner().length(), "the POJO's richest constructor was used");
        assertEquals(50, (int) inputs.invoke(), "the method runs on them");
    }

    @Test
    void sameSeedSameInputsAndCollectionsOverlap() throws Exception {
        Inputs a = Inputs.forMethod(Targets.class, "nested", new Class<?>[] {List.class, Map.class},
                new String[] {"groups", "byName"}, 200, 42);
        Inputs b = Inputs.forMethod(Targets.class, "nested", new Class<?>[] {List.class, Map.class},
                new String[] {"groups", "byName"}, 200, 42);
        Inputs other = Inputs.forMethod(Targets.class, "nested", new Class<?>[] {List.class, Map.class},
                new String[] {"groups", "byName"}, 200, 43);
        assertEquals(DeepHash.of(a.arguments()), DeepHash.of(b.arguments()));
        assertNotEquals(DeepHash.of(a.arguments()), DeepHash.of(other.arguments()));

        Inputs common = Inputs.forMethod(Targets.class, "common", COMMON, COMMON_NAMES, 400, 7);
        Set<String> names = new HashSet<>((List<String>) common.argument(8));
        List<String> words = List.of((String[]) common.argument(7));
        long shared = words.stream().filter(names::contains).count();
        assertTrue(shared > 80 && shared < 280, "two collections share part of their elements: " + shared);
    }

    @Test
    void providerNamedLikeTheParameterWins() throws Exception {
        Inputs inputs = Inputs.forMethod(Targets.class, "provided", new Class<?>[] {List.class, List.class},
                new String[] {"wanted", "other"}, 3, 1);
        assertEquals(List.of("id-0", "id-1", "id-2"), inputs.argument(0));
        assertTrue(((List<String>) inputs.argument(1)).stream().noneMatch(s -> s.startsWith("id-")));
    }

    @Test
    void ungeneratableInputExplainsHowToSupplyAProvider() {
        Inputs.InputException error = assertThrows(Inputs.InputException.class, () -> Inputs.forMethod(Targets.class,
                "unsupported", new Class<?>[] {InputStream.class}, new String[] {"in"}, 10, 1));
        String message = error.getMessage();
        assertTrue(message.startsWith("Perflens cannot generate parameter 'in' of type java.io.InputStream: "
                + "java.io.InputStream is abstract"), message);
        assertTrue(message.contains("add a class PerflensInputs to package dev.perflens.bench.runtime.testdata"), message);
        assertTrue(message.contains("`static java.io.InputStream in(int size, java.util.Random random)`"), message);
        assertTrue(message.contains("`static java.io.InputStream perflensInput(int size, java.util.Random random)`"), message);
    }

    @Test
    void deepHashIgnoresIdentityButSeesContent() {
        assertEquals(DeepHash.of(List.of(new Targets.Item("a", 1, List.of("x"), Targets.Color.RED))),
                DeepHash.of(List.of(new Targets.Item("a", 1, List.of("x"), Targets.Color.RED))));
        assertNotEquals(DeepHash.of(List.of("a", "b")), DeepHash.of(List.of("b", "a")));
        assertEquals(DeepHash.of(Set.of("a", "b")), DeepHash.of(new HashSet<>(List.of("b", "a"))));
        assertEquals(DeepHash.UNHASHABLE, DeepHash.of(new Object()));
        assertEquals(DeepHash.of(new Targets.Account("ann", 5)), DeepHash.of(new Targets.Account("ann", 5)),
                "a project class without hashCode is hashed by its fields, not its identity");
        assertNotEquals(DeepHash.of(new Targets.Account("ann", 5)), DeepHash.of(new Targets.Account("ann", 6)));
        assertEquals(DeepHash.UNHASHABLE, DeepHash.of(new java.util.concurrent.locks.ReentrantLock()),
                "a JDK class whose state Perflens cannot read: no claim");
        Runnable lambda = () -> { };
        assertEquals(DeepHash.UNHASHABLE, DeepHash.of(lambda));
        assertEquals(DeepHash.of(new StringBuilder("ab")), DeepHash.of(new StringBuilder("ab")), "a builder by its text");
    }
}
