package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class SynchronizedCollectionLocalRuleTest {
    private final RuleTester tester = RuleTester.of(new SynchronizedCollectionLocalRule());

    @Test
    void flagsLockedCollectionsThatStayInTheirMethod() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Inventory {
                    int distinct(List<String> names) {
                        // PERF: synchronized-collection-local
                        Vector<String> seen = new Vector<>();
                        for (String n : names) {
                            if (!seen.contains(n)) {
                                seen.add(n);
                            }
                        }
                        for (Iterator<String> it = seen.iterator(); it.hasNext(); ) {
                            if (it.next().isEmpty()) {
                                it.remove();
                            }
                        }
                        return seen.size();
                    }

                    Map<String, Integer> counts(String[] words) {
                        // PERF: synchronized-collection-local
                        Hashtable<String, Integer> counts = new Hashtable<>();
                        for (String w : words) {
                            counts.merge(w, 1, Integer::sum);
                        }
                        return new HashMap<>(counts);
                    }

                    String joined(List<String> parts) {
                        // PERF: synchronized-collection-local
                        List<String> copy = Collections.synchronizedList(new ArrayList<>(parts));
                        copy.removeIf(String::isEmpty);
                        StringBuilder sb = new StringBuilder();
                        for (String s : copy) {
                            sb.append(s);
                        }
                        // PERF: synchronized-collection-local
                        Set<String> unique = Collections.synchronizedSet(new HashSet<>());
                        unique.addAll(copy);
                        return sb + "" + unique.size() + copy.stream().filter(s -> s.length() > 2).count();
                    }

                    int legacy() {
                        // PERF: synchronized-collection-local
                        Vector<Integer> v = new Vector<>();
                        v.addElement(1);
                        Enumeration<Integer> e = v.elements();
                        int sum = 0;
                        while (e.hasMoreElements()) {
                            sum += e.nextElement();
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void staysSilentWhenTheCollectionIsOrMayBeShared() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Shared {
                    private Vector<String> field;
                    private List<Object> sink = new ArrayList<>();

                    Vector<String> returned() {
                        Vector<String> v = new Vector<>();
                        v.add("x");
                        return v;
                    }

                    void stored() {
                        Hashtable<String, String> t = new Hashtable<>();
                        sink.add(t);
                        Vector<String> v = new Vector<>();
                        field = v;
                    }

                    void passedToThread() throws InterruptedException {
                        List<String> list = Collections.synchronizedList(new ArrayList<>());
                        Thread t = new Thread(() -> list.add("x"));
                        t.start();
                        list.add("y");
                        t.join();
                        Vector<String> v = new Vector<>();
                        consume(v);
                    }

                    void consume(List<String> l) {
                    }

                    Runnable anonymous() {
                        Hashtable<String, String> t = new Hashtable<>();
                        t.put("a", "b");
                        return new Runnable() {
                            @Override
                            public void run() {
                                t.clear();
                            }
                        };
                    }

                    Iterator<String> viewEscapes() {
                        Vector<String> v = new Vector<>();
                        v.add("a");
                        return v.iterator();
                    }

                    List<String> subListEscapes() {
                        Vector<String> v = new Vector<>();
                        List<String> head = v.subList(0, 0);
                        return head;
                    }

                    void lock() {
                        Vector<String> v = new Vector<>();
                        synchronized (v) {
                            v.add("x");
                        }
                    }

                    void subclassesAndLookAlikes() {
                        Properties p = new Properties();
                        p.setProperty("a", "b");
                        Stack<String> s = new Stack<>();
                        s.push("x");
                        List<String> plain = new ArrayList<>();
                        plain.add("x");
                        Map<String, String> unmodifiable = Collections.unmodifiableMap(new HashMap<>());
                        unmodifiable.size();
                        Vector<String> anonymous = new Vector<>() { };
                        anonymous.add("x");
                    }

                    void reassignedFromOutside(Vector<String> in) {
                        Vector<String> v = new Vector<>();
                        v = in;
                        v.add("x");
                    }
                }
                """);
    }

    @Test
    void fixReplacesVectorWithArrayListAndDropsTheUnusedImport() {
        tester.expectFix("""
                import java.util.List;
                import java.util.Vector;

                class Inventory {
                    int distinct(List<String> names) {
                        Vector<String> seen = new Vector<>(names.size());
                        for (String n : names) {
                            if (!seen.contains(n)) {
                                seen.add(n);
                            }
                        }
                        return seen.size();
                    }
                }
                """, """
                import java.util.ArrayList;
                import java.util.List;

                class Inventory {
                    int distinct(List<String> names) {
                        ArrayList<String> seen = new ArrayList<>(names.size());
                        for (String n : names) {
                            if (!seen.contains(n)) {
                                seen.add(n);
                            }
                        }
                        return seen.size();
                    }
                }
                """);
    }

    @Test
    void fixKeepsAnInterfaceDeclarationAndTheImportStillInUse() {
        tester.expectFix("""
                import java.util.Collection;
                import java.util.List;
                import java.util.Vector;

                class Copier {
                    Vector<String> kept = new Vector<String>();

                    int copy(Collection<String> in) {
                        List<String> out = new Vector<String>(in);
                        out.sort(null);
                        return out.size();
                    }
                }
                """, """
                import java.util.ArrayList;
                import java.util.Collection;
                import java.util.List;
                import java.util.Vector;

                class Copier {
                    Vector<String> kept = new Vector<String>();

                    int copy(Collection<String> in) {
                        List<String> out = new ArrayList<String>(in);
                        out.sort(null);
                        return out.size();
                    }
                }
                """);
    }

    @Test
    void fixReplacesHashtableWhenKeysAndValuesAreNeverNull() {
        tester.expectFix("""
                import java.util.Hashtable;

                class Counter {
                    int count(String[] words) {
                        Hashtable<String, Integer> counts = new Hashtable<>();
                        for (String w : words) {
                            String key = w.trim();
                            counts.merge(key, 1, Integer::sum);
                        }
                        counts.put("total", words.length);
                        return counts.getOrDefault("the", 0);
                    }
                }
                """, """
                import java.util.HashMap;

                class Counter {
                    int count(String[] words) {
                        HashMap<String, Integer> counts = new HashMap<>();
                        for (String w : words) {
                            String key = w.trim();
                            counts.merge(key, 1, Integer::sum);
                        }
                        counts.put("total", words.length);
                        return counts.getOrDefault("the", 0);
                    }
                }
                """);
    }

    @Test
    void fixUnwrapsAFreshlyCreatedCollection() {
        tester.expectFix("""
                import java.util.ArrayList;
                import java.util.Collections;
                import java.util.List;

                class Names {
                    List<String> upper(List<String> names) {
                        List<String> result = new ArrayList<>();
                        List<String> work = Collections.synchronizedList(new ArrayList<>(names));
                        for (String n : work) {
                            result.add(n.toUpperCase());
                        }
                        return result;
                    }
                }
                """, """
                import java.util.ArrayList;
                import java.util.List;

                class Names {
                    List<String> upper(List<String> names) {
                        List<String> result = new ArrayList<>();
                        List<String> work = new ArrayList<>(names);
                        for (String n : work) {
                            result.add(n.toUpperCase());
                        }
                        return result;
                    }
                }
                """);
    }

    @Test
    void noFixForVectorOnlyMethods() {
        tester.expectNoFix("""
                import java.util.Vector;

                class Legacy {
                    int first() {
                        Vector<Integer> v = new Vector<>();
                        v.addElement(1);
                        return v.firstElement();
                    }
                }
                """, "addElement(...), which ArrayList does not have");
        tester.expectNoFix("""
                import java.util.Vector;

                class Legacy {
                    int grow() {
                        Vector<Integer> v = new Vector<>(10, 5);
                        v.add(1);
                        return v.size();
                    }
                }
                """, "capacity, increment");
    }

    @Test
    void noFixWhenAHashtableKeyMayBeNullOrTheOrderShows() {
        tester.expectNoFix("""
                import java.util.Hashtable;
                import java.util.Map;

                class Lookup {
                    String find(Map<String, String> source, String key) {
                        Hashtable<String, String> t = new Hashtable<>();
                        t.put("a", "b");
                        try {
                            return t.get(key);
                        } catch (NullPointerException e) {
                            return "no key";
                        }
                    }
                }
                """, "'key' may be null");
        tester.expectNoFix("""
                import java.util.Hashtable;

                class Legacy {
                    boolean has() {
                        Hashtable<String, String> t = new Hashtable<>();
                        t.put("a", "b");
                        return t.contains("b");
                    }
                }
                """, "contains(...), which HashMap does not have");
        tester.expectNoFix("""
                import java.util.Hashtable;

                class Order {
                    String keys() {
                        Hashtable<String, Integer> t = new Hashtable<>();
                        t.put("a", 1);
                        t.put("b", 2);
                        return t.keySet().toString();
                    }
                }
                """, "iteration order");
        tester.expectNoFix("""
                import java.util.Hashtable;

                class Order {
                    String printed() {
                        Hashtable<String, Integer> t = new Hashtable<>();
                        t.put("a", 1);
                        return "map: " + t;
                    }
                }
                """, "iteration order");
        tester.expectNoFix("""
                import java.util.Dictionary;
                import java.util.Hashtable;

                class Legacy {
                    int size() {
                        Dictionary<String, Integer> d = new Hashtable<>();
                        d.put("a", 1);
                        return d.size();
                    }
                }
                """, "declared as Dictionary");
    }

    @Test
    void noFixWhenTheWrappedCollectionIsAnotherVariableOrAioobeIsCaught() {
        tester.expectNoFix("""
                import java.util.ArrayList;
                import java.util.Collections;
                import java.util.List;

                class Wrap {
                    int size() {
                        List<String> inner = new ArrayList<>();
                        List<String> wrapped = Collections.synchronizedList(inner);
                        wrapped.add("x");
                        return inner.size();
                    }
                }
                """, "wraps 'inner'");
        tester.expectNoFix("""
                import java.util.Vector;

                class Index {
                    String at(int i) {
                        Vector<String> v = new Vector<>();
                        v.add("a");
                        try {
                            return v.get(i);
                        } catch (ArrayIndexOutOfBoundsException e) {
                            return null;
                        }
                    }
                }
                """, "ArrayIndexOutOfBoundsException");
    }
}
