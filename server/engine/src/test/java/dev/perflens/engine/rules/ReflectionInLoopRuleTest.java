package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ReflectionInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new ReflectionInLoopRule());

    @Test
    void flagsInvariantLookupsInLoops() {
        tester.expectMarkedFindings("""
                import java.lang.reflect.*;
                import java.util.*;

                class Invoker {
                    void run(List<Object> targets, Class<?> type, String name) throws Exception {
                        for (Object target : targets) {
                            // PERF: reflection-in-loop
                            Method m = type.getMethod(name);
                            m.invoke(target);
                            // PERF: reflection-in-loop
                            Field f = Invoker.class.getDeclaredField("counter");
                            // PERF: reflection-in-loop
                            Class<?> loaded = Class.forName("java.util.ArrayList");
                            // PERF: reflection-in-loop
                            Constructor<StringBuilder> c = StringBuilder.class.getConstructor(String.class);
                            // PERF: reflection-in-loop
                            Object size = getClass().getMethod("size", new Class<?>[] {int.class}).invoke(this, 1);
                        }
                        targets.forEach(t -> {
                            try {
                                // PERF: reflection-in-loop
                                Invoker.class.getField("visible").get(this);
                            } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }

                    private int counter;
                    public int visible;

                    public int size(int x) {
                        return x;
                    }
                }
                """);
    }

    @Test
    void leavesVaryingLookupsAndLookupsOutsideLoopsAlone() {
        tester.expectMarkedFindings("""
                import java.lang.reflect.*;
                import java.util.*;

                class Dynamic {
                    void run(List<Object> targets, List<String> names) throws Exception {
                        Method once = Dynamic.class.getMethod("toString");
                        for (Object target : targets) {
                            Method m = target.getClass().getMethod("toString");
                            once.invoke(target);
                        }
                        for (String name : names) {
                            Class<?> c = Class.forName(name);
                            Field f = Dynamic.class.getDeclaredField(name);
                            Method[] all = Dynamic.class.getMethods();
                        }
                        for (int i = 0; i < names.size(); i++) {
                            Class<?> type = Class.forName(names.get(i));
                            type.getConstructor().newInstance();
                        }
                    }
                }
                """);
    }

    @Test
    void fixHoistsAResolvedMethodLookupDeclaredInTheLoop() {
        tester.expectFix("""
                import java.lang.reflect.Method;
                import java.util.List;

                class Caller {
                    int total(List<Caller> items) throws Exception {
                        int sum = 0;
                        for (Caller item : items) {
                            Method size = Caller.class.getMethod("size");
                            sum += (Integer) size.invoke(item);
                        }
                        return sum;
                    }

                    public int size() {
                        return 1;
                    }
                }
                """, """
                import java.lang.reflect.Method;
                import java.util.List;

                class Caller {
                    int total(List<Caller> items) throws Exception {
                        int sum = 0;
                        Method size = Caller.class.getMethod("size");
                        for (Caller item : items) {
                            sum += (Integer) size.invoke(item);
                        }
                        return sum;
                    }

                    public int size() {
                        return 1;
                    }
                }
                """);
    }

    @Test
    void fixIntroducesALocalForAnInlineLookupAndImportsItsType() {
        tester.expectFix("""
                import java.util.List;

                class Reader {
                    public String label;

                    void read(List<Reader> readers, List<String> out) throws Exception {
                        for (Reader reader : readers) {
                            out.add((String) Reader.class.getField("label").get(reader));
                        }
                    }
                }
                """, """
                import java.lang.reflect.Field;
                import java.util.List;

                class Reader {
                    public String label;

                    void read(List<Reader> readers, List<String> out) throws Exception {
                        Field field = Reader.class.getField("label");
                        for (Reader reader : readers) {
                            out.add((String) field.get(reader));
                        }
                    }
                }
                """);
    }

    @Test
    void fixHoistsAConstructorLookupOutOfNestedLoops() {
        tester.expectFix("""
                import java.lang.reflect.Constructor;

                class Factory {
                    Object[][] build(int rows, int cols) throws Exception {
                        Object[][] grid = new Object[rows][cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                grid[r][c] = StringBuilder.class.getDeclaredConstructor(String.class).newInstance("x");
                            }
                        }
                        return grid;
                    }
                }
                """, """
                import java.lang.reflect.Constructor;

                class Factory {
                    Object[][] build(int rows, int cols) throws Exception {
                        Object[][] grid = new Object[rows][cols];
                        Constructor<StringBuilder> constructor = StringBuilder.class.getDeclaredConstructor(String.class);
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                grid[r][c] = constructor.newInstance("x");
                            }
                        }
                        return grid;
                    }
                }
                """);
    }

    @Test
    void noFixForClassForName() {
        tester.expectNoFix("""
                class Loader {
                    void load(int n) throws Exception {
                        for (int i = 0; i < n; i++) {
                            Class.forName("java.util.ArrayList").getDeclaredConstructor().newInstance();
                        }
                    }
                }
                """, "ClassNotFoundException");
    }

    @Test
    void noFixWhenTheMemberCannotBeProvenToExist() {
        tester.expectNoFix("""
                class Missing {
                    void call(Object[] targets) throws Exception {
                        for (Object target : targets) {
                            Missing.class.getMethod("absent").invoke(target);
                        }
                    }
                }
                """, "not found on Missing");
        tester.expectNoFix("""
                class Variable {
                    void call(Object[] targets, Class<?> type) throws Exception {
                        for (Object target : targets) {
                            type.getMethod("run").invoke(target);
                        }
                    }
                }
                """, "not a class literal");
    }

    @Test
    void noFixWhenTheLookupIsHandledInsideTheLoopOrStoredPerPass() {
        tester.expectNoFix("""
                import java.lang.reflect.Method;

                class Guarded {
                    public void run() {
                    }

                    void call(Object[] targets) {
                        for (Object target : targets) {
                            try {
                                Method m = Guarded.class.getMethod("run");
                                m.invoke(target);
                            } catch (ReflectiveOperationException e) {
                                continue;
                            }
                        }
                    }
                }
                """, "inside a try statement");
        tester.expectNoFix("""
                import java.lang.reflect.Method;
                import java.util.*;

                class Collecting {
                    public void run() {
                    }

                    void call(int n, List<Method> out) throws Exception {
                        for (int i = 0; i < n; i++) {
                            Method m = Collecting.class.getMethod("run");
                            m.setAccessible(i % 2 == 0);
                        }
                    }
                }
                """, "setAccessible");
    }

    @Test
    void noFixWhenNameOrParameterTypesAreNotLiteralsOrTheResultIsPassedOn() {
        tester.expectNoFix("""
                class Named {
                    public void run() {
                    }

                    void call(Object[] targets, String name) throws Exception {
                        for (Object target : targets) {
                            Named.class.getMethod(name).invoke(target);
                        }
                    }
                }
                """, "member name is not a constant");
        tester.expectNoFix("""
                class Typed {
                    public void run(String s) {
                    }

                    void call(Object[] targets, Class<?> type) throws Exception {
                        for (Object target : targets) {
                            Typed.class.getMethod("run", type).invoke(target, "x");
                        }
                    }
                }
                """, "parameter types are not all class literals");
        tester.expectNoFix("""
                import java.lang.reflect.Method;

                class Handed {
                    public void run() {
                    }

                    void call(Object[] targets) throws Exception {
                        for (Object target : targets) {
                            Method m = Handed.class.getMethod("run");
                            invoke(m, target);
                        }
                    }

                    void invoke(Method m, Object target) throws Exception {
                        m.invoke(target);
                    }
                }
                """, "passed to invoke(...)");
    }
}
