package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UrlInCollectionRuleTest {
    private final RuleTester tester = RuleTester.of(new UrlInCollectionRule());

    @Test
    void flagsUrlKeyedHashCollectionsAndUrlEquality() {
        tester.expectMarkedFindings("""
                import java.net.URL;
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;
                import java.util.stream.Collectors;

                class Crawler {
                    // PERF: url-in-collection
                    private final Set<URL> visited = new HashSet<>();
                    // PERF: url-in-collection
                    private final Map<URL, Integer> hits = new ConcurrentHashMap<>();

                    boolean same(URL a, URL b, List<URL> urls) {
                        // PERF: url-in-collection
                        Map<URL, String> titles = new LinkedHashMap<URL, String>();
                        // PERF: url-in-collection
                        Set<URL> seeds = Set.of(a, b);
                        // PERF: url-in-collection
                        Set<URL> unique = urls.stream().collect(Collectors.toSet());
                        // PERF: url-in-collection
                        long distinct = urls.stream().distinct().count();
                        // PERF: url-in-collection
                        int h = a.hashCode();
                        // PERF: url-in-collection
                        boolean objects = Objects.equals(a, b);
                        // PERF: url-in-collection
                        return a.equals(b);
                    }
                }
                """);
    }

    @Test
    void leavesSetsOfClassPathResourceUrlsAloneTheyHaveNoHostToResolve() {
        tester.expectMarkedFindings("""
                import java.io.*;
                import java.net.URL;
                import java.util.*;

                class Resources {
                    Set<URL> all(String name, ClassLoader loader) throws IOException {
                        Set<URL> found = new HashSet<URL>();
                        Enumeration<URL> e = loader.getResources(name);
                        while (e.hasMoreElements()) {
                            URL url = e.nextElement();
                            found.add(url);
                        }
                        found.add(Resources.class.getResource(name));
                        found.add(new File(name).toURI().toURL());
                        return found;
                    }

                    Set<URL> copied(String name, ClassLoader loader) throws IOException {
                        return new HashSet<>(Collections.list(loader.getResources(name)));
                    }

                    Set<URL> mixed(String name, ClassLoader loader, URL remote) throws IOException {
                        // PERF: url-in-collection
                        Set<URL> found = new HashSet<>();
                        found.add(loader.getResource(name));
                        found.add(remote);
                        return found;
                    }
                }
                """);
    }

    @Test
    void leavesUriStringsSortedMapsAndUrlValuesAlone() {
        tester.expectMarkedFindings("""
                import java.net.URI;
                import java.net.URL;
                import java.util.*;

                class Links {
                    private final Set<URI> visited = new HashSet<>();
                    private final Map<String, URL> byName = new HashMap<>();
                    private final List<URL> queue = new ArrayList<>();
                    private final Map<URL, Integer> ranked = new TreeMap<>(Comparator.comparing(URL::toString));
                    private final Map<URL, Integer> byIdentity = new IdentityHashMap<>();

                    boolean same(URL a, URL b, URI c) {
                        Set<String> texts = new HashSet<>();
                        texts.add(a.toExternalForm());
                        Object o = a;
                        return a.toString().equals(b.toString()) && a.getHost().equals(b.getHost())
                                && c.equals(URI.create("http://x")) && a == b && Objects.equals(o, b)
                                && a.sameFile(b);
                    }
                }
                """);
    }
}
