package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new QueryInLoopRule());

    @Test
    void aLoopThatRunsADifferentStatementEachPassIsAHintAndOneLoopIsOneFinding() {
        var findings = tester.analyze("""
                import java.sql.*;
                import java.util.List;

                class Script {
                    void drop(Connection connection, List<String> tables, List<Long> ids) throws SQLException {
                        try (Statement statement = connection.createStatement()) {
                            for (String table : tables) {
                                statement.execute("DROP TABLE " + table);
                            }
                        }
                        try (PreparedStatement byId = connection.prepareStatement("delete from t where id = ?");
                             PreparedStatement audit = connection.prepareStatement("insert into audit values (?)")) {
                            for (long id : ids) {
                                byId.setLong(1, id);
                                byId.executeUpdate();
                                audit.setLong(1, id);
                                audit.executeUpdate();
                            }
                        }
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(2, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("Each pass runs a different statement"),
                findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(1).severity());
    }

    @Test
    void flagsJdbcCallsInLoops() {
        tester.expectMarkedFindings("""
                import java.sql.*;
                import java.util.*;

                class OrderDao {
                    List<String> names(Connection connection, List<Long> ids) throws SQLException {
                        List<String> names = new ArrayList<>();
                        try (Statement statement = connection.createStatement();
                             PreparedStatement byId = connection.prepareStatement("select name from customer where id = ?")) {
                            ResultSet orders = statement.executeQuery("select customer_id from orders");
                            while (orders.next()) {
                                byId.setLong(1, orders.getLong(1));
                                // PERF: query-in-loop
                                try (ResultSet customer = byId.executeQuery()) {
                                    names.add(customer.getString(1));
                                }
                            }
                            for (Long id : ids) {
                                // PERF: query-in-loop
                                statement.executeUpdate("delete from audit where id = " + id);
                                try (PreparedStatement insert = connection.prepareStatement("insert into t values (?)")) {
                                    insert.setLong(1, id);
                                    insert.execute();
                                }
                            }
                        }
                        return names;
                    }
                }
                """);
    }

    @Test
    void aStatementPreparedLazilyOnTheFirstPassIsNotPerPassItsExecutionIs() {
        var findings = tester.analyze("""
                import java.sql.*;
                import java.util.*;

                class Indexer {
                    private PreparedStatement insertWord;

                    void index(Connection connection, List<String> words) throws SQLException {
                        PreparedStatement insertRow = null;
                        for (String word : words) {
                            if (insertRow == null) {
                                insertRow = connection.prepareStatement("insert into rows values (?)");
                            }
                            if (insertWord == null) {
                                insertWord = connection.prepareStatement("insert into words values (?)");
                            }
                            insertRow.setString(1, word);
                            insertRow.execute();
                        }
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(1, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().startsWith("'insertRow.execute(...)' sends a statement"),
                findings.get(0).message());
    }

    @Test
    void leavesJdbcThatRunsInsideTheDatabaseProcessAndTimedRepetitionsAlone() {
        tester.expectMarkedFindings("""
                import java.sql.*;
                import java.util.*;

                class Index {
                    public static final class WordTrigger implements org.h2.api.Trigger {
                        @Override
                        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
                            try (PreparedStatement insert = conn.prepareStatement("insert into words values (?)")) {
                                for (Object word : newRow) {
                                    insert.setObject(1, word);
                                    insert.execute();
                                }
                            }
                        }
                    }

                    public static void procedure(List<Long> ids) throws SQLException {
                        Connection conn = DriverManager.getConnection("jdbc:default:connection");
                        try (PreparedStatement delete = conn.prepareStatement("delete from t where id = ?")) {
                            for (long id : ids) {
                                delete.setLong(1, id);
                                delete.executeUpdate();
                            }
                        }
                    }

                    long timed(Connection conn, int count) throws SQLException {
                        long time = System.currentTimeMillis();
                        try (PreparedStatement prep = conn.prepareStatement("select * from t where id = ?")) {
                            for (int i = 0; i < count; i++) {
                                prep.setInt(1, i);
                                prep.execute();
                            }
                        }
                        return System.currentTimeMillis() - time;
                    }

                    void client(Connection conn, List<Long> ids) throws SQLException {
                        try (Statement statement = conn.createStatement()) {
                            for (long id : ids) {
                                // PERF: query-in-loop
                                statement.executeQuery("select name from t where id = " + id);
                            }
                            for (long id : ids) {
                                // PERF: query-in-loop
                                statement.executeQuery("select count(*) from t_" + id);
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void aValuePastedIntoTheQueryIsAnNPlusOneAVaryingTableNameIsAScriptOfQueries() {
        var findings = tester.analyze("""
                import java.sql.*;
                import java.util.*;

                class Counts {
                    void count(Connection conn, List<String> tables, List<Long> ids) throws SQLException {
                        try (Statement statement = conn.createStatement()) {
                            for (long id : ids) {
                                statement.executeQuery("select name from t where id = " + id + " and live");
                            }
                            for (String table : tables) {
                                statement.executeQuery("select count(*) from " + table);
                            }
                            for (String table : tables) {
                                statement.executeUpdate("drop table " + table + " where x = " + 1);
                            }
                        }
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(3, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("the same query each time with 'id'"
                + " pasted into its text"), findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(1).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(1).message().contains("Each returns its own rows, so they"
                + " cannot be batched"), findings.get(1).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(2).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(2).message().contains("addBatch"), findings.get(2).message());
    }

    @Test
    void flagsJpaAndSpringDataQueriesInLoopsAndStreams() {
        tester.expectMarkedFindings("""
                import jakarta.persistence.*;
                import java.util.*;
                import java.util.stream.Collectors;
                import org.springframework.data.repository.CrudRepository;

                class Customer {
                    Long id;
                }

                interface CustomerRepository extends CrudRepository<Customer, Long> {
                    List<Customer> findByName(String name);

                    long countByName(String name);

                    boolean existsByName(String name);
                }

                class CustomerService {
                    private EntityManager em;
                    private CustomerRepository customers;

                    void load(List<Long> ids, List<String> names) {
                        TypedQuery<Customer> byName = em.createQuery("select c from Customer c where c.name = :n", Customer.class);
                        for (Long id : ids) {
                            // PERF: query-in-loop
                            Customer c = em.find(Customer.class, id);
                            Customer ref = em.getReference(Customer.class, id);
                            Optional<Customer> found = customers.findById(id);
                        }
                        for (String name : names) {
                            // PERF: query-in-loop
                            List<Customer> list = byName.setParameter("n", name).getResultList();
                            List<?> rows = em.createQuery("select c from Customer c where c.name = :n")
                                    .setParameter("n", name).getResultList();
                            if (customers.existsByName(name)) {
                                long n = customers.countByName(name);
                            }
                        }
                        names.forEach(name -> {
                            // PERF: query-in-loop
                            customers.findByName(name);
                        });
                        List<Customer> loaded = ids.stream()
                                // PERF: query-in-loop
                                .map(customers::findById)
                                .flatMap(Optional::stream)
                                .collect(Collectors.toList());
                        // PERF: query-in-loop
                        Set<Long> present = ids.stream().filter(id -> customers.existsById(id)).collect(Collectors.toSet());
                    }
                }
                """);
    }

    @Test
    void leavesChunkedAndPagedQueriesAlone() {
        tester.expectMarkedFindings("""
                import jakarta.persistence.*;
                import java.sql.*;
                import java.util.*;
                import org.springframework.data.domain.*;
                import org.springframework.data.repository.PagingAndSortingRepository;

                class Event {
                }

                interface EventRepository extends PagingAndSortingRepository<Event, Long> {
                    List<Event> findByIdIn(Collection<Long> ids);
                }

                class Export {
                    private EntityManager em;
                    private EventRepository events;

                    void export(Connection connection, List<List<Long>> chunks, List<Long> ids) throws SQLException {
                        for (List<Long> chunk : chunks) {
                            events.findByIdIn(chunk);
                        }
                        chunks.forEach(chunk -> events.findByIdIn(chunk));
                        chunks.stream().map(events::findByIdIn).forEach(System.out::println);
                        for (int from = 0; from < ids.size(); from += 500) {
                            events.findByIdIn(ids.subList(from, Math.min(ids.size(), from + 500)));
                        }
                        Pageable page = PageRequest.of(0, 100);
                        Page<Event> result;
                        do {
                            result = events.findAll(page);
                            page = result.nextPageable();
                        } while (result.hasNext());
                        try (PreparedStatement purge = connection.prepareStatement("delete from ev where id < ? limit 1000")) {
                            while (true) {
                                purge.setLong(1, 5);
                                int deleted = purge.executeUpdate();
                                if (deleted == 0) {
                                    break;
                                }
                            }
                            while (purge.executeUpdate() > 0) {
                                Thread.yield();
                            }
                            int left;
                            do {
                                left = purge.executeUpdate();
                            } while (left > 0);
                        }
                        try (PreparedStatement byId = connection.prepareStatement("delete from ev where id = ?")) {
                            Iterator<Long> it = ids.iterator();
                            while (it.hasNext()) {
                                byId.setLong(1, it.next());
                                // PERF: query-in-loop
                                int deleted = byId.executeUpdate();
                                if (deleted == 0) {
                                    break;
                                }
                            }
                        }
                        TypedQuery<Event> all = em.createQuery("select e from Event e", Event.class).setMaxResults(100);
                        for (int first = 0; ; first++) {
                            List<Event> batch = all.setFirstResult(first * 100).getResultList();
                            if (batch.isEmpty()) {
                                break;
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void leavesBatchesSearchesRetriesPollingAndLookAlikesAlone() {
        tester.expectMarkedFindings("""
                import jakarta.persistence.*;
                import java.sql.*;
                import java.util.*;
                import java.util.concurrent.TimeUnit;
                import org.springframework.data.repository.CrudRepository;

                class Item {
                }

                interface ItemRepository extends CrudRepository<Item, Long> {
                }

                class Executor {
                    ResultSet executeQuery(String sql) {
                        return null;
                    }
                }

                class Service {
                    private EntityManager em;
                    private ItemRepository items;
                    private Map<Long, Item> cache = new HashMap<>();
                    private Executor executor = new Executor();

                    Item firstMatch(Connection connection, List<Long> ids, PreparedStatement insert) throws Exception {
                        for (Long id : ids) {
                            insert.setLong(1, id);
                            insert.addBatch();
                            cache.get(id);
                            executor.executeQuery("select 1");
                            items.getClass();
                            items.hashCode();
                            em.persist(new Item());
                        }
                        insert.executeBatch();
                        List<Item> all = items.findAllById(ids);
                        for (Long id : ids) {
                            if (id > 10) {
                                return em.find(Item.class, id);
                            }
                        }
                        for (int attempt = 0; attempt < 3; attempt++) {
                            try (Statement statement = connection.createStatement()) {
                                statement.execute("select 1");
                            }
                        }
                        while (true) {
                            try {
                                ResultSet rs = connection.createStatement().executeQuery("select 1");
                                break;
                            } catch (SQLException retry) {
                                // try again
                            }
                        }
                        while (!Thread.currentThread().isInterrupted()) {
                            items.count();
                            TimeUnit.SECONDS.sleep(5);
                        }
                        for (String table : List.of("a", "b", "c")) {
                            connection.createStatement().executeUpdate("truncate " + table);
                        }
                        for (TimeUnit unit : TimeUnit.values()) {
                            items.count();
                        }
                        return items.findById(1L).orElse(null);
                    }
                }
                """);
    }

    /** A retry loop's body around a query on a fresh connection, as DataSourceStore in Tomcat writes it. */
    private static final String ATTEMPT = """
            Connection c = getConnection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        x = rs.getInt(1);
                    }
                }
                %s
            } catch (SQLException e) {
                log(e);
            } finally {
                release(c);
            }
            """;

    static java.util.stream.Stream<Arguments> retryLoops() {
        return java.util.stream.Stream.of(
                // bounded by a small counter: a retry, not a loop over data
                Arguments.of("counter zeroed on success, decremented per pass", 0, """
                        int numberOfTries = 2;
                        while (numberOfTries > 0) {
                            %s
                            numberOfTries--;
                        }
                        """, "numberOfTries = 0;"),
                Arguments.of("counting up to a constant", 0, """
                        int attempt = 0;
                        while (attempt < 3) {
                            %s
                            attempt++;
                        }
                        """, "attempt = 3;"),
                Arguments.of("decrement in the condition", 0, """
                        int tries = 3;
                        while (tries-- > 0) {
                            %s
                        }
                        """, "x++;"),
                Arguments.of("do-while counting down", 0, """
                        int left = 4;
                        do {
                            %s
                        } while (--left > 0);
                        """, "left = 0;"),
                Arguments.of("for loop counting down", 0, """
                        for (int tries = 3; tries > 0; tries--) {
                            %s
                        }
                        """, "tries = 0;"),
                // not bounded by a small constant: still one query per pass
                Arguments.of("counter starts at a parameter", 1, """
                        int tries = max;
                        while (tries > 0) {
                            %s
                            tries--;
                        }
                        """, "x++;"),
                Arguments.of("counter starts above the few-passes bound", 1, """
                        int tries = 1000;
                        while (tries > 0) {
                            %s
                            tries--;
                        }
                        """, "x++;"),
                Arguments.of("counter reset to its start", 1, """
                        int tries = 2;
                        while (tries > 0) {
                            %s
                            tries--;
                        }
                        """, "tries = 2;"),
                Arguments.of("counter decremented on some passes only", 1, """
                        int tries = 2;
                        while (tries > 0) {
                            %s
                            if (x == 0) {
                                tries--;
                            }
                        }
                        """, "x++;"),
                Arguments.of("a continue skips the decrement", 1, """
                        int tries = 2;
                        while (tries > 0) {
                            %s
                            if (x > 0) {
                                continue;
                            }
                            tries--;
                        }
                        """, "x++;"),
                Arguments.of("counter moved away from the bound", 1, """
                        int tries = 2;
                        while (tries > 0) {
                            %s
                            tries += 1;
                        }
                        """, "x++;"),
                Arguments.of("counter reassigned before the loop", 1, """
                        int tries = 2;
                        tries = max;
                        while (tries > 0) {
                            %s
                            tries--;
                        }
                        """, "x++;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryLoops")
    void aLoopBoundedByASmallRetryCounterIsNotAnNPlusOne(String shape, int expected, String loop, String onSuccess) {
        String attempt = ATTEMPT.formatted(onSuccess).indent(4).stripTrailing();
        String source = """
                import java.sql.*;

                class SessionStore {
                    Connection getConnection() {
                        return null;
                    }

                    void release(Connection c) {
                    }

                    void log(Exception e) {
                    }

                    int load(String sql, String id, int max) {
                        int x = 0;
                %s
                        return x;
                    }
                }
                """.formatted(loop.formatted(attempt).indent(8).stripTrailing());
        var findings = tester.analyze(source).findings();
        org.junit.jupiter.api.Assertions.assertEquals(expected, findings.size(), shape + ": " + findings + "\n" + source);
    }

    /**
     * A private static SQL string never written after its initialiser is the same query on every
     * pass: an N+1 (Tomcat DataSourcePropertyStore), not "a different statement built in the loop".
     * A field the file writes elsewhere may differ per pass and keeps the script reading.
     */
    @Test
    void aPrivateSqlFieldNeverWrittenIsTheSameQueryOnEveryPass() {
        var findings = tester.analyze("""
                import java.sql.*;
                import java.util.List;

                class Store {
                    private static String GET = "SELECT node FROM properties WHERE name = ?";
                    private static String changing = "SELECT 1";

                    void load(Connection connection, List<String> names) throws SQLException {
                        for (String name : names) {
                            try (PreparedStatement statement = connection.prepareStatement(GET)) {
                                statement.setString(1, name);
                                statement.executeQuery();
                            }
                        }
                        for (String name : names) {
                            changing = "SELECT " + name;
                            connection.createStatement().execute(changing);
                        }
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertFalse(findings.isEmpty(), "the N+1 is reported");
        org.junit.jupiter.api.Assertions.assertFalse(findings.get(0).message().contains("'GET' is built in the loop"),
                findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertTrue(findings.stream().anyMatch(f -> f.message().contains("'changing' is built in the loop")),
                findings.toString());
    }
}
