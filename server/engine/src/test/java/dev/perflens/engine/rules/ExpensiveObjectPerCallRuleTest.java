package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ExpensiveObjectPerCallRuleTest {
    private final RuleTester tester = RuleTester.of(new ExpensiveObjectPerCallRule());

    @Test
    void leavesAFormatterWhoseResultIsCachedInAFieldByALazyInitialisationAlone() {
        tester.expectMarkedFindings("""
                import java.time.LocalDateTime;
                import java.time.format.DateTimeFormatter;

                class Status {
                    private String started;

                    String started() {
                        if (started == null) {
                            started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(LocalDateTime.now());
                        }
                        return started;
                    }

                    String now() {
                        // PERF: expensive-object-per-call
                        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(LocalDateTime.now());
                    }
                }
                """);
    }

    @Test
    void flagsThreadSafeObjectsCreatedOnEveryCall() {
        tester.expectMarkedFindings("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.google.gson.Gson;
                import com.google.gson.GsonBuilder;
                import jakarta.xml.bind.JAXBContext;
                import java.net.URI;
                import java.net.http.*;
                import java.time.Duration;
                import java.time.LocalDate;
                import java.time.format.DateTimeFormatter;
                import java.util.Locale;

                class Api {
                    String toJson(Object value) throws Exception {
                        // PERF: expensive-object-per-call
                        ObjectMapper mapper = new ObjectMapper();
                        return mapper.writeValueAsString(value);
                    }

                    Object fromJson(String json) {
                        // PERF: expensive-object-per-call
                        return new Gson().fromJson(json, Object.class);
                    }

                    String pretty(Object value) {
                        // PERF: expensive-object-per-call
                        Gson gson = new GsonBuilder().setPrettyPrinting().create();
                        return gson.toJson(value);
                    }

                    void marshal(Object value) throws Exception {
                        // PERF: expensive-object-per-call
                        JAXBContext.newInstance(Api.class).createMarshaller().marshal(value, System.out);
                    }

                    String fetch(String url) throws Exception {
                        // PERF: expensive-object-per-call
                        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                    }

                    LocalDate parse(String text) {
                        // PERF: expensive-object-per-call
                        return LocalDate.parse(text, DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.GERMANY));
                    }
                }
                """);
    }

    @Test
    void leavesVaryingReturnedStoredAndOneOffObjectsAlone() {
        tester.expectMarkedFindings("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.google.gson.Gson;
                import java.time.format.DateTimeFormatter;
                import java.util.*;

                class Config {
                    private static final ObjectMapper SHARED = new ObjectMapper();
                    private final ObjectMapper perInstance = new ObjectMapper();
                    private ObjectMapper lazy;
                    private final List<Gson> all = new ArrayList<>();

                    Config() {
                        ObjectMapper inConstructor = new ObjectMapper();
                        inConstructor.hashCode();
                    }

                    ObjectMapper mapper() {
                        ObjectMapper mapper = new ObjectMapper();
                        mapper.findAndRegisterModules();
                        return mapper;
                    }

                    void init() {
                        lazy = new ObjectMapper();
                        all.add(new Gson());
                    }

                    String format(String pattern, java.time.LocalDate date) {
                        return DateTimeFormatter.ofPattern(pattern).format(date);
                    }

                    String shared(Object value) throws Exception {
                        return SHARED.writeValueAsString(value);
                    }

                    public static void main(String[] args) throws Exception {
                        System.out.println(new ObjectMapper().writeValueAsString(args));
                    }

                    @org.junit.jupiter.api.Test
                    void test() throws Exception {
                        new ObjectMapper().writeValueAsString("x");
                    }

                    static {
                        Gson once = new Gson();
                        once.toJson("x");
                    }
                }
                """);
    }

    @Test
    void fixMovesAMapperIntoAStaticFinalField() {
        tester.expectFix("""
                import com.fasterxml.jackson.databind.ObjectMapper;

                class Json {
                    private static final int LIMIT = 10;

                    String write(Object value) throws Exception {
                        ObjectMapper mapper = new ObjectMapper();
                        return mapper.writeValueAsString(value);
                    }
                }
                """, """
                import com.fasterxml.jackson.databind.ObjectMapper;

                class Json {
                    private static final int LIMIT = 10;
                    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

                    String write(Object value) throws Exception {
                        ObjectMapper mapper = OBJECT_MAPPER;
                        return mapper.writeValueAsString(value);
                    }
                }
                """);
    }

    @Test
    void fixMovesConstantMapperConfigurationIntoAStaticInitializer() {
        tester.expectFix("""
                import com.fasterxml.jackson.databind.DeserializationFeature;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.fasterxml.jackson.databind.SerializationFeature;

                class Json {
                    <T> T read(String json, Class<T> type) throws Exception {
                        ObjectMapper mapper = new ObjectMapper();
                        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
                        mapper.enable(SerializationFeature.INDENT_OUTPUT);
                        return mapper.readValue(json, type);
                    }
                }
                """, """
                import com.fasterxml.jackson.databind.DeserializationFeature;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.fasterxml.jackson.databind.SerializationFeature;

                class Json {
                    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

                    static {
                        OBJECT_MAPPER.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
                        OBJECT_MAPPER.enable(SerializationFeature.INDENT_OUTPUT);
                    }

                    <T> T read(String json, Class<T> type) throws Exception {
                        ObjectMapper mapper = OBJECT_MAPPER;
                        return mapper.readValue(json, type);
                    }
                }
                """);
    }

    @Test
    void fixWritesAFormatterFieldWithItsConstantPatternAndImportsTheType() {
        tester.expectFix("""
                import java.time.LocalDate;

                class Dates {
                    static final String PATTERN = "dd.MM.yyyy";

                    LocalDate parseDate(String text) {
                        final String local = PATTERN;
                        return LocalDate.parse(text, java.time.format.DateTimeFormatter.ofPattern(local));
                    }
                }
                """, """
                import java.time.LocalDate;
                import java.time.format.DateTimeFormatter;

                class Dates {
                    static final String PATTERN = "dd.MM.yyyy";
                    private static final DateTimeFormatter PARSE_DATE_FORMATTER = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");

                    LocalDate parseDate(String text) {
                        final String local = PATTERN;
                        return LocalDate.parse(text, PARSE_DATE_FORMATTER);
                    }
                }
                """);
    }

    @Test
    void fixImportsTheFormatterTypeOnceWhenTheFactoryIsStaticallyImported() {
        tester.expectFix("""
                import static java.time.format.DateTimeFormatter.ofPattern;

                import java.time.LocalDate;

                class Stamp {
                    String toText(LocalDate date) {
                        return date.format(ofPattern("yyyy-MM-dd"));
                    }
                }
                """, """
                import static java.time.format.DateTimeFormatter.ofPattern;

                import java.time.LocalDate;
                import java.time.format.DateTimeFormatter;

                class Stamp {
                    private static final DateTimeFormatter TO_TEXT_FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd");

                    String toText(LocalDate date) {
                        return date.format(TO_TEXT_FORMATTER);
                    }
                }
                """);
    }

    @Test
    void fixKeepsAGsonBuilderChainAndAnHttpClient() {
        tester.expectFix("""
                import com.google.gson.GsonBuilder;

                class Pretty {
                    String print(Object value) {
                        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(value);
                    }
                }
                """, """
                import com.google.gson.Gson;
                import com.google.gson.GsonBuilder;

                class Pretty {
                    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

                    String print(Object value) {
                        return GSON.toJson(value);
                    }
                }
                """);
        tester.expectFix("""
                import java.net.URI;
                import java.net.http.HttpClient;
                import java.net.http.HttpRequest;
                import java.net.http.HttpResponse;

                class Fetch {
                    int status(String url) throws Exception {
                        HttpClient client = HttpClient.newHttpClient();
                        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    }
                }
                """, """
                import java.net.URI;
                import java.net.http.HttpClient;
                import java.net.http.HttpRequest;
                import java.net.http.HttpResponse;

                class Fetch {
                    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();

                    int status(String url) throws Exception {
                        HttpClient client = HTTP_CLIENT;
                        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheMapperIsConfiguredWithNonConstantsOrPassedOn() {
        tester.expectNoFix("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.text.SimpleDateFormat;

                class Dated {
                    String write(Object value) throws Exception {
                        ObjectMapper mapper = new ObjectMapper();
                        mapper.setDateFormat(new SimpleDateFormat("yyyy"));
                        return mapper.writeValueAsString(value);
                    }
                }
                """, "setDateFormat(...) is called on 'mapper'");
        tester.expectNoFix("""
                import com.fasterxml.jackson.databind.ObjectMapper;

                class Handed {
                    String write(Object value) throws Exception {
                        ObjectMapper mapper = new ObjectMapper();
                        customize(mapper);
                        return mapper.writeValueAsString(value);
                    }

                    void customize(ObjectMapper mapper) {
                    }
                }
                """, "passed to customize(...)");
    }

    @Test
    void noFixForJaxbContextsOrInInterfaces() {
        tester.expectNoFix("""
                import jakarta.xml.bind.JAXBContext;

                class Xml {
                    void write(Object value) throws Exception {
                        JAXBContext.newInstance(Xml.class).createMarshaller().marshal(value, System.out);
                    }
                }
                """, "checked JAXBException");
        tester.expectNoFix("""
                import com.google.gson.Gson;

                interface Codec {
                    default String encode(Object value) {
                        return new Gson().toJson(value);
                    }
                }
                """, "interface");
    }

    @Test
    void noFixWhenAnArgumentCannotBeWrittenAsAConstantOrTheVariableIsReassigned() {
        tester.expectNoFix("""
                import com.fasterxml.jackson.core.JsonFactory;
                import com.fasterxml.jackson.databind.ObjectMapper;

                class Factory {
                    private static final JsonFactory FACTORY = new JsonFactory();

                    String write(Object value) throws Exception {
                        return new ObjectMapper(FACTORY).writeValueAsString(value);
                    }
                }
                """, "not a constant that can be written in a static field");
        tester.expectNoFix("""
                import com.google.gson.Gson;

                class Swap {
                    String write(Object value, Gson custom) {
                        Gson gson = new Gson();
                        if (custom != null) {
                            gson = custom;
                        }
                        return gson.toJson(value);
                    }
                }
                """, "is assigned again");
    }

    @Test
    void leavesObjectsCachedInAFieldAfterTheFirstCallAlone() {
        tester.expectMarkedFindings("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.google.gson.Gson;

                class Cached {
                    private ObjectMapper mapper;
                    private Gson gson;
                    private static volatile ObjectMapper shared;

                    String write(Object value) throws Exception {
                        if (mapper == null) {
                            mapper = new ObjectMapper();
                        }
                        return mapper.writeValueAsString(value);
                    }

                    String json(Object value) {
                        Gson g = gson;
                        if (g == null) {
                            g = new Gson();
                            gson = g;
                        }
                        return g.toJson(value);
                    }

                    static ObjectMapper mapper() {
                        ObjectMapper m = shared;
                        if (m == null) {
                            synchronized (Cached.class) {
                                m = shared;
                                if (m == null) {
                                    m = new ObjectMapper();
                                    shared = m;
                                }
                            }
                        }
                        return m;
                    }

                    static class Holder {
                        static final ObjectMapper INSTANCE = new ObjectMapper();
                    }

                    String viaHolder(Object value) throws Exception {
                        return Holder.INSTANCE.writeValueAsString(value);
                    }
                }
                """);
    }
}
