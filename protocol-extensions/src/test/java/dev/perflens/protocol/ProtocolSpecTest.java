package dev.perflens.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md and the Java interface must describe the same methods, types and fields. */
class ProtocolSpecTest {
    private static final Pattern METHOD_HEADING = Pattern.compile("^## (perflens/\\w+)$", Pattern.MULTILINE);
    private static final Pattern TYPE_HEADING = Pattern.compile("^### (Request|Response|Notification): `(\\w+)`$",
            Pattern.MULTILINE);
    private static final Pattern TABLE_FIELD = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE);

    private final String spec = read();

    private static String read() {
        try {
            return Files.readString(Path.of("PROTOCOL.md"));
        } catch (IOException e) {
            throw new AssertionError("PROTOCOL.md must sit beside this module's pom", e);
        }
    }

    @Test
    void everyMethodIsSpecifiedAndNothingElse() {
        assertEquals(interfaceMethods().keySet(), specSections().keySet());
    }

    @Test
    void requestAndResponseTypesAndFieldsMatch() {
        Map<String, String> sections = specSections();
        interfaceMethods().forEach((name, method) -> {
            String section = sections.get(name);
            Map<String, String> types = new TreeMap<>();
            Map<String, Set<String>> fields = new TreeMap<>();
            Matcher heading = TYPE_HEADING.matcher(section);
            List<int[]> spans = new ArrayList<>();
            List<String[]> found = new ArrayList<>();
            while (heading.find()) {
                found.add(new String[] {heading.group(1), heading.group(2)});
                spans.add(new int[] {heading.end()});
            }
            for (int i = 0; i < found.size(); i++) {
                int end = i + 1 < found.size() ? section.indexOf("### ", spans.get(i)[0]) : section.length();
                int exampleAt = section.indexOf("### Example", spans.get(i)[0]);
                if (exampleAt >= 0 && exampleAt < end) {
                    end = exampleAt;
                }
                String table = section.substring(spans.get(i)[0], end);
                Set<String> names = new TreeSet<>();
                Matcher field = TABLE_FIELD.matcher(table);
                while (field.find()) {
                    names.add(field.group(1));
                }
                types.put(found.get(i)[0], found.get(i)[1]);
                fields.put(found.get(i)[1], names);
            }
            Class<?> parameter = method.getParameterTypes()[0];
            String kind = method.isAnnotationPresent(JsonRequest.class) ? "Request" : "Notification";
            assertEquals(parameter.getSimpleName(), types.get(kind), name + ": parameter type");
            assertEquals(declaredFields(parameter), fields.get(parameter.getSimpleName()), name + ": parameter fields");
            if (kind.equals("Request")) {
                Class<?> result = (Class<?>) ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
                assertEquals(result.getSimpleName(), types.get("Response"), name + ": response type");
                assertEquals(declaredFields(result), fields.get(result.getSimpleName()), name + ": response fields");
            }
        });
    }

    @Test
    void specHasAnExampleForEveryMethod() {
        specSections().forEach((name, section) ->
                assertTrue(section.contains("### Example") && section.contains("\"method\":\"" + name + "\""),
                        name + " needs an example that uses the method name"));
    }

    private Map<String, String> specSections() {
        Map<String, String> sections = new TreeMap<>();
        Matcher heading = METHOD_HEADING.matcher(spec);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (heading.find()) {
            starts.add(heading.end());
            names.add(heading.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = spec.indexOf("\n## ", starts.get(i));
            sections.put(names.get(i), spec.substring(starts.get(i), end < 0 ? spec.length() : end));
        }
        return sections;
    }

    /** What the server implements (client to server) and what it sends (server to client). */
    private static Map<String, Method> interfaceMethods() {
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> protocol : List.of(PerflensProtocol.class, PerflensClientProtocol.class)) {
            String segment = protocol.getAnnotation(JsonSegment.class).value();
            for (Method method : protocol.getMethods()) {
                if (method.isAnnotationPresent(JsonRequest.class) || method.isAnnotationPresent(JsonNotification.class)) {
                    methods.put(segment + "/" + method.getName(), method);
                }
            }
        }
        return methods;
    }

    @Test
    void everyNotificationSaysItsDirection() {
        interfaceMethods().forEach((name, method) -> {
            String section = specSections().get(name);
            String direction = method.getDeclaringClass() == PerflensClientProtocol.class
                    ? "from server to client" : "from client to server";
            assertTrue(section.contains(direction), name + " must say it goes " + direction);
        });
    }

    private static Set<String> declaredFields(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        return names;
    }
}
