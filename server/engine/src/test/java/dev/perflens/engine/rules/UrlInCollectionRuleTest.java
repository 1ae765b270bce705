package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @Test
    void leavesUrlStreamHandlerEqualityOverridesAloneTheyDefineUrlEquality() {
        tester.expectMarkedFindings("""
                import java.net.*;
                import java.util.Objects;

                class H extends URLStreamHandler {
                    URL w;

                    @Override
                    protected URLConnection openConnection(URL u) {
                        return null;
                    }

                    @Override
                    protected int hashCode(URL u) {
                        return w.hashCode();
                    }

                    @Override
                    protected boolean equals(URL a, URL b) {
                        return w.equals(b) && Objects.equals(a, w);
                    }

                    boolean same(URL a, URL b) {
                        // PERF: url-in-collection
                        return a.equals(b);
                    }

                    URLStreamHandler wrapper(URL inner) {
                        return new URLStreamHandler() {
                            @Override
                            protected URLConnection openConnection(URL u) {
                                return null;
                            }

                            @Override
                            protected int hashCode(URL u) {
                                return inner.hashCode();
                            }
                        };
                    }
                }

                class NotAHandler {
                    boolean equals(URL a, URL b) {
                        // PERF: url-in-collection
                        return a.equals(b);
                    }

                    int hashCode(URL u) {
                        // PERF: url-in-collection
                        return u.hashCode();
                    }
                }
                """);
    }

    /**
     * One method body each, run in a class loader subclass whose parameters supply the sources.
     * A body with a marker must warn there (a source with a host); one without must stay silent
     * (every URL comes from the class path, a servlet context's resources or a file).
     */
    static Stream<Arguments> collectionSources() {
        return Stream.of(
                Arguments.of("enumeration assigned in if/else branches", """
                        Enumeration<URL> e;
                        if (cl == null) {
                            e = ClassLoader.getSystemResources(name);
                        } else {
                            e = cl.getResources(name);
                        }
                        Set<URL> s = new HashSet<>();
                        while (e.hasMoreElements()) {
                            s.add(e.nextElement());
                        }
                        return s;
                        """),
                Arguments.of("enumeration initialised to null, then assigned", """
                        Enumeration<URL> e = null;
                        if (flag) {
                            e = cl.getResources(name);
                        }
                        Set<URL> s = new HashSet<>();
                        while (e != null && e.hasMoreElements()) {
                            s.add(e.nextElement());
                        }
                        return s;
                        """),
                Arguments.of("super.findResources in a class loader subclass", """
                        Set<URL> s = new LinkedHashSet<>();
                        Enumeration<URL> other = super.findResources(name);
                        while (other.hasMoreElements()) {
                            s.add(other.nextElement());
                        }
                        s.add(findResource(name));
                        s.add(super.findResource(name));
                        return s;
                        """),
                Arguments.of("URLClassLoader.getURLs", """
                        Set<URL> s = new HashSet<>();
                        for (URL u : ucl.getURLs()) {
                            s.add(u);
                        }
                        URL[] urls = ((URLClassLoader) cl).getURLs();
                        for (int i = 0; i < urls.length; i++) {
                            s.add(urls[i]);
                        }
                        return s;
                        """),
                Arguments.of("a set copied from URLClassLoader.getURLs", """
                        return new HashSet<>(Arrays.asList(ucl.getURLs()));
                        """),
                Arguments.of("ServletContext.getResource", """
                        Set<URL> s = new HashSet<>();
                        s.add(servletContext.getResource("/WEB-INF/classes"));
                        URL lib = servletContext.getResource("/WEB-INF/lib/a.jar");
                        s.add(lib);
                        return s;
                        """),
                Arguments.of("File.toURI().toURL() and Path.toUri().toURL()", """
                        Set<URL> s = new HashSet<>();
                        s.add(file.toURI().toURL());
                        s.add(path.toUri().toURL());
                        s.add(Paths.get(name).toUri().toURL());
                        return s;
                        """),
                Arguments.of("new URL(userString) still warns", """
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        s.add(cl.getResource(name));
                        s.add(new URL(userString));
                        return s;
                        """),
                Arguments.of("one branch assigns a URL with a host", """
                        URL u;
                        if (flag) {
                            u = cl.getResource(name);
                        } else {
                            u = new URL(userString);
                        }
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        s.add(u);
                        return s;
                        """),
                Arguments.of("an enumeration from a parameter, in one branch", """
                        Enumeration<URL> e;
                        if (flag) {
                            e = cl.getResources(name);
                        } else {
                            e = passed;
                        }
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        while (e.hasMoreElements()) {
                            s.add(e.nextElement());
                        }
                        return s;
                        """),
                Arguments.of("a loop over URLs passed in", """
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        for (URL u : given) {
                            s.add(u);
                        }
                        return s;
                        """),
                Arguments.of("a copy of URLs passed in", """
                        // PERF: url-in-collection
                        return new HashSet<>(Arrays.asList(given));
                        """),
                Arguments.of("a class-path list that gains a URL with a host", """
                        List<URL> found = Collections.list(cl.getResources(name));
                        found.add(new URL(userString));
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        for (URL u : found) {
                            s.add(u);
                        }
                        return s;
                        """),
                Arguments.of("a class-path array with an element replaced", """
                        URL[] urls = ucl.getURLs();
                        urls[0] = new URL(userString);
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        for (URL u : urls) {
                            s.add(u);
                        }
                        return s;
                        """),
                Arguments.of("a loop variable reassigned to a URL with a host", """
                        // PERF: url-in-collection
                        Set<URL> s = new HashSet<>();
                        for (URL u : ucl.getURLs()) {
                            u = new URL(userString);
                            s.add(u);
                        }
                        return s;
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collectionSources")
    void exemptsOnlyCollectionsWhoseEverySourceHasNoHost(String label, String body) {
        tester.expectMarkedFindings("""
                import java.io.*;
                import java.net.*;
                import java.nio.file.*;
                import java.util.*;

                class Sources extends ClassLoader {
                    Set<URL> collect(String name, ClassLoader cl, URLClassLoader ucl, String userString, URL[] given,
                            Enumeration<URL> passed, File file, Path path, jakarta.servlet.ServletContext servletContext,
                            boolean flag) throws IOException {
                """ + body.indent(8) + """
                    }
                }
                """);
    }
}
