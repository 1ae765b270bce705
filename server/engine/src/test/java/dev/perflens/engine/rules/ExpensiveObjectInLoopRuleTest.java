package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ExpensiveObjectInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new ExpensiveObjectInLoopRule());

    @Test
    void flagsInvariantConstructionsInLoops() {
        tester.expectMarkedFindings("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import com.google.gson.Gson;
                import com.google.gson.GsonBuilder;
                import jakarta.xml.bind.JAXBContext;
                import java.net.http.HttpClient;
                import java.security.MessageDigest;
                import java.security.SecureRandom;
                import java.text.DecimalFormat;
                import java.text.SimpleDateFormat;
                import java.util.*;
                import javax.xml.parsers.DocumentBuilderFactory;
                import javax.xml.stream.XMLInputFactory;
                import javax.xml.transform.TransformerFactory;

                class Exporter {
                    void export(List<Date> dates, List<Object> rows, String pattern) throws Exception {
                        for (Date date : dates) {
                            // PERF: expensive-object-in-loop
                            String day = new SimpleDateFormat("yyyy-MM-dd").format(date);
                            // PERF: expensive-object-in-loop
                            SimpleDateFormat custom = new SimpleDateFormat(pattern, Locale.US);
                            custom.format(date);
                            // PERF: expensive-object-in-loop
                            String amount = new DecimalFormat("#,##0.00").format(date.getTime());
                            // PERF: expensive-object-in-loop
                            int bound = new Random().nextInt(10);
                            // PERF: expensive-object-in-loop
                            long token = new SecureRandom().nextLong();
                        }
                        for (Object row : rows) {
                            // PERF: expensive-object-in-loop
                            String json = new ObjectMapper().writeValueAsString(row);
                            // PERF: expensive-object-in-loop
                            String gson = new Gson().toJson(row);
                            // PERF: expensive-object-in-loop
                            String pretty = new GsonBuilder().setPrettyPrinting().create().toJson(row);
                            // PERF: expensive-object-in-loop
                            JAXBContext context = JAXBContext.newInstance(Exporter.class);
                            // PERF: expensive-object-in-loop
                            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                            dbf.setNamespaceAware(true);
                            // PERF: expensive-object-in-loop
                            TransformerFactory.newInstance().newTransformer();
                            // PERF: expensive-object-in-loop
                            XMLInputFactory.newFactory().createXMLStreamReader(new java.io.StringReader(""));
                            // PERF: expensive-object-in-loop
                            byte[] hash = MessageDigest.getInstance("SHA-256").digest(row.toString().getBytes());
                            // PERF: expensive-object-in-loop
                            HttpClient client = HttpClient.newHttpClient();
                        }
                        for (Object row : rows) {
                            for (Date date : dates) {
                                if (date.after(new Date())) {
                                    // PERF: expensive-object-in-loop
                                    System.out.println(new SimpleDateFormat("yyyy").format(date));
                                    break;
                                }
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void leavesVaryingStoredAndPerThreadObjectsAlone() {
        tester.expectMarkedFindings("""
                import java.text.SimpleDateFormat;
                import java.util.*;
                import java.util.concurrent.*;

                class PerPass {
                    private final SimpleDateFormat shared = new SimpleDateFormat("yyyy");
                    private final List<SimpleDateFormat> formats = new ArrayList<>();

                    void run(List<String> patterns, List<Date> dates, ExecutorService pool, long seed) {
                        for (String pattern : patterns) {
                            SimpleDateFormat f = new SimpleDateFormat(pattern);
                            f.format(new Date());
                        }
                        for (Date date : dates) {
                            formats.add(new SimpleDateFormat("yyyy"));
                            SimpleDateFormat kept = new SimpleDateFormat("MM");
                            formats.add(kept);
                            Random seeded = new Random(seed);
                            seeded.nextInt();
                            pool.submit(() -> new SimpleDateFormat("dd").format(date));
                            SimpleDateFormat perTask = new SimpleDateFormat("HH");
                            pool.submit(() -> perTask.format(date));
                            shared.format(date);
                        }
                        dates.parallelStream().forEach(date -> new SimpleDateFormat("yyyy").format(date));
                        SimpleDateFormat once = new SimpleDateFormat("yyyy");
                        for (Date date : dates) {
                            once.format(date);
                        }
                    }

                    String first(List<Date> dates, long after) {
                        for (Date date : dates) {
                            if (date.getTime() > after) {
                                return new SimpleDateFormat("yyyy").format(date);
                            }
                        }
                        for (int i = 0; i < 3; i++) {
                            System.out.println(new SimpleDateFormat("yyyy").format(dates.get(i)));
                        }
                        return null;
                    }

                    SimpleDateFormat last(List<Date> dates) {
                        for (Date date : dates) {
                            SimpleDateFormat f = new SimpleDateFormat("yyyy");
                            if (date.getTime() > 0) {
                                return f;
                            }
                        }
                        return null;
                    }
                }
                """);
    }

    @Test
    void fixHoistsAnInlineFormatterBeforeTheLoop() {
        tester.expectFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Report {
                    List<String> days(List<Date> dates) {
                        List<String> days = new ArrayList<>();
                        for (Date date : dates) {
                            days.add(new SimpleDateFormat("yyyy-MM-dd").format(date));
                        }
                        return days;
                    }
                }
                """, """
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Report {
                    List<String> days(List<Date> dates) {
                        List<String> days = new ArrayList<>();
                        SimpleDateFormat dateFormat = new SimpleDateFormat("yyyy-MM-dd");
                        for (Date date : dates) {
                            days.add(dateFormat.format(date));
                        }
                        return days;
                    }
                }
                """);
    }

    @Test
    void fixMovesTheDeclarationOutOfTheLoopAndRenamesOnAClash() {
        tester.expectFix("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.util.List;

                class Writer {
                    void write(List<Object> rows, List<String> out) throws Exception {
                        for (Object row : rows) {
                            ObjectMapper mapper = new ObjectMapper();
                            out.add(mapper.writeValueAsString(row));
                        }
                        String mapper = "done";
                        out.add(mapper);
                    }
                }
                """, """
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.util.List;

                class Writer {
                    void write(List<Object> rows, List<String> out) throws Exception {
                        ObjectMapper mapper2 = new ObjectMapper();
                        for (Object row : rows) {
                            out.add(mapper2.writeValueAsString(row));
                        }
                        String mapper = "done";
                        out.add(mapper);
                    }
                }
                """);
    }

    @Test
    void fixResetsAHoistedMessageDigestOnEveryPass() {
        tester.expectFix("""
                import java.security.MessageDigest;
                import java.util.*;

                class Hasher {
                    List<byte[]> hash(List<String> lines) throws Exception {
                        List<byte[]> hashes = new ArrayList<>();
                        for (String line : lines) {
                            MessageDigest md = MessageDigest.getInstance("SHA-256");
                            md.update(line.getBytes());
                            hashes.add(md.digest());
                        }
                        return hashes;
                    }
                }
                """, """
                import java.security.MessageDigest;
                import java.util.*;

                class Hasher {
                    List<byte[]> hash(List<String> lines) throws Exception {
                        List<byte[]> hashes = new ArrayList<>();
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        for (String line : lines) {
                            md.reset();
                            md.update(line.getBytes());
                            hashes.add(md.digest());
                        }
                        return hashes;
                    }
                }
                """);
    }

    @Test
    void fixHoistsOutOfAForEachLambdaAndAnXmlFactory() {
        tester.expectFix("""
                import java.util.List;
                import javax.xml.parsers.DocumentBuilderFactory;

                class Parser {
                    void parse(List<String> files) {
                        files.forEach(file -> {
                            try {
                                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }
                """, """
                import java.util.List;
                import javax.xml.parsers.DocumentBuilderFactory;

                class Parser {
                    void parse(List<String> files) {
                        DocumentBuilderFactory documentBuilderFactory = DocumentBuilderFactory.newInstance();
                        files.forEach(file -> {
                            try {
                                documentBuilderFactory.newDocumentBuilder().parse(file);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheObjectIsConfiguredPerPass() {
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Zones {
                    void print(List<Date> dates) {
                        for (Date date : dates) {
                            SimpleDateFormat f = new SimpleDateFormat("HH:mm");
                            f.setTimeZone(TimeZone.getTimeZone("UTC"));
                            System.out.println(f.format(date));
                        }
                    }
                }
                """, "setTimeZone(...) is called on 'f'");
    }

    @Test
    void noFixWhenParsingCanChangeTheFormattersZone() {
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Stamps {
                    List<Date> parse(List<String> stamps) throws Exception {
                        List<Date> dates = new ArrayList<>();
                        for (String stamp : stamps) {
                            dates.add(new SimpleDateFormat("yyyy-MM-dd HH:mm z").parse(stamp));
                        }
                        return dates;
                    }
                }
                """, "parse(...) is called on it");
    }

    @Test
    void noFixWhenThePatternIsNotConstantOrTheAlgorithmNotGuaranteed() {
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Custom {
                    void print(List<Date> dates, String pattern) {
                        for (Date date : dates) {
                            System.out.println(new SimpleDateFormat(pattern).format(date));
                        }
                    }
                }
                """, "not a compile-time constant");
        tester.expectNoFix("""
                import java.security.MessageDigest;
                import java.util.*;

                class Md5 {
                    void hash(List<String> lines) throws Exception {
                        for (String line : lines) {
                            System.out.println(MessageDigest.getInstance("MD5").digest(line.getBytes()).length);
                        }
                    }
                }
                """, "NoSuchAlgorithmException");
    }

    @Test
    void noFixInsideATryWithinTheLoopOrWhenPassedOn() {
        tester.expectNoFix("""
                import java.security.MessageDigest;
                import java.security.NoSuchAlgorithmException;
                import java.util.*;

                class Guarded {
                    void hash(List<String> lines) {
                        for (String line : lines) {
                            try {
                                System.out.println(MessageDigest.getInstance("SHA-256").digest(line.getBytes()).length);
                            } catch (NoSuchAlgorithmException e) {
                                continue;
                            }
                        }
                    }
                }
                """, "inside a try statement");
        tester.expectNoFix("""
                import java.text.DecimalFormat;
                import java.util.*;

                class Passing {
                    void print(List<Double> values) {
                        for (Double value : values) {
                            DecimalFormat format = new DecimalFormat("0.00");
                            print(format, value);
                        }
                    }

                    void print(DecimalFormat format, double value) {
                        format.setMaximumFractionDigits(1);
                        System.out.println(format.format(value));
                    }
                }
                """, "passed to print(...)");
    }

    @Test
    void noFixForJaxbContextsWhoseCreationMayThrow() {
        tester.expectNoFix("""
                import jakarta.xml.bind.JAXBContext;
                import java.util.List;

                class Marshal {
                    void write(List<Object> rows) throws Exception {
                        for (Object row : rows) {
                            JAXBContext.newInstance(Marshal.class).createMarshaller().marshal(row, System.out);
                        }
                    }
                }
                """, "JAXBException");
    }

    @Test
    void noFixForBuilderChainsInvalidPatternsArgumentsAndLookedUpGenerators() {
        tester.expectNoFix("""
                import com.google.gson.GsonBuilder;
                import java.util.List;

                class Chain {
                    void print(List<Object> rows) {
                        for (Object row : rows) {
                            System.out.println(new GsonBuilder().serializeNulls().create().toJson(row));
                        }
                    }
                }
                """, "builder chain");
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Invalid {
                    void print(List<Date> dates) {
                        for (Date date : dates) {
                            System.out.println(new SimpleDateFormat("yyyy-qq").format(date));
                        }
                    }
                }
                """, "the pattern is invalid");
        tester.expectNoFix("""
                import com.fasterxml.jackson.core.JsonFactory;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.util.List;

                class WithFactory {
                    void print(List<Object> rows, JsonFactory factory) throws Exception {
                        for (Object row : rows) {
                            System.out.println(new ObjectMapper(factory).writeValueAsString(row));
                        }
                    }
                }
                """, "created with arguments");
        tester.expectNoFix("""
                import java.security.SecureRandom;

                class Strong {
                    void print(int n) throws Exception {
                        for (int i = 0; i < n; i++) {
                            System.out.println(SecureRandom.getInstance("DRBG").nextInt());
                        }
                    }
                }
                """, "NoSuchAlgorithmException");
        tester.expectNoFix("""
                import java.security.MessageDigest;

                class Partial {
                    void hash(byte[][] chunks) throws Exception {
                        for (byte[] chunk : chunks) {
                            MessageDigest.getInstance("SHA-256").update(chunk);
                        }
                    }
                }
                """, "without a variable");
    }

    @Test
    void noFixWhenReassignedCapturedOrWhereNoDeclarationCanGo() {
        tester.expectNoFix("""
                import java.text.DecimalFormat;

                class Again {
                    void print(double[] values) {
                        for (double value : values) {
                            DecimalFormat format = new DecimalFormat("0.00");
                            if (value > 1) {
                                format = new DecimalFormat("0.0");
                            }
                            System.out.println(format.format(value));
                        }
                    }
                }
                """, "is assigned again");
        tester.expectNoFix("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.util.List;
                import java.util.concurrent.ExecutorService;

                class Async {
                    void send(List<Object> rows, ExecutorService pool) {
                        for (Object row : rows) {
                            ObjectMapper mapper = new ObjectMapper();
                            pool.submit(() -> mapper.writeValueAsString(row));
                        }
                    }
                }
                """, "inside a lambda");
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Unbraced {
                    void print(List<Date> dates, boolean on) {
                        if (on)
                            for (Date date : dates) {
                                System.out.println(new SimpleDateFormat("yyyy").format(date));
                            }
                    }
                }
                """, "not directly inside a block");
        tester.expectNoFix("""
                import java.text.SimpleDateFormat;
                import java.util.*;

                class Cases {
                    void print(List<Date> dates) {
                        for (Date date : dates) {
                            switch (date.getMonth()) {
                                case 0:
                                    SimpleDateFormat f = new SimpleDateFormat("yyyy");
                                    System.out.println(f.format(date));
                                    break;
                                default:
                                    break;
                            }
                        }
                    }
                }
                """, "only on some passes"); // a case is a branch: hoisted, it would be built for every month
    }

    @Test
    void leavesAFormatterPerTokenOfAPatternAndFieldCachesAlone() {
        tester.expectMarkedFindings("""
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.text.DecimalFormat;
                import java.util.List;

                class Render {
                    private ObjectMapper mapper;

                    String render(String pattern, double value, List<String> tokens) {
                        StringBuilder out = new StringBuilder();
                        for (int i = 0; i < pattern.length(); i++) {
                            char c = pattern.charAt(i);
                            switch (c) {
                                case 'n' -> out.append(new DecimalFormat("0.00").format(value));
                                case 'p' -> out.append(new DecimalFormat("0%").format(value));
                                default -> out.append(c);
                            }
                        }
                        for (char c : pattern.toCharArray()) {
                            if (c == 'n') {
                                out.append(new DecimalFormat("#").format(value));
                            }
                        }
                        for (int i = 0; i < pattern.length(); ) {
                            if (pattern.startsWith("N2", i)) {
                                out.append(new DecimalFormat("00").format(value));
                                i += 2;
                            } else if (at(pattern, i, "P")) {
                                out.append(new DecimalFormat("0%").format(value));
                                i++;
                            } else {
                                out.append(pattern.charAt(i++));
                            }
                        }
                        for (String token : tokens) {
                            if (token.equals("n")) {
                                // PERF: expensive-object-in-loop
                                out.append(new DecimalFormat("#").format(value));
                            }
                        }
                        return out.toString();
                    }

                    static boolean at(String pattern, int index, String token) {
                        return pattern.startsWith(token, index);
                    }

                    void write(List<Object> rows, List<String> out) throws Exception {
                        for (Object row : rows) {
                            if (mapper == null) {
                                mapper = new ObjectMapper();
                            }
                            out.add(mapper.writeValueAsString(row));
                        }
                    }
                }
                """);
    }

    @Test
    void noFixWhereHoistingWouldCreateTheObjectOnAPathThatRunsMoreOften() {
        tester.expectNoFix("""
                import java.text.DecimalFormat;
                import java.util.List;

                class Prices {
                    void print(List<Double> values) {
                        for (Double v : values) {
                            if (v < 0) {
                                System.out.println(new DecimalFormat("0.00").format(v));
                            }
                        }
                    }
                }
                """, "only on some passes");
        tester.expectNoFix("""
                import java.text.DecimalFormat;
                import java.util.List;

                class Prices {
                    void print(List<List<Double>> rows, boolean verbose) {
                        for (List<Double> row : rows) {
                            if (verbose) {
                                for (Double v : row) {
                                    System.out.println(new DecimalFormat("0.00").format(v));
                                }
                            }
                        }
                    }
                }
                """, "only on some passes");
    }
}
