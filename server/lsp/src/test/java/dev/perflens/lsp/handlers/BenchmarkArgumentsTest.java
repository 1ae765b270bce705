package dev.perflens.lsp.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import dev.perflens.protocol.BenchmarkParams;
import dev.perflens.protocol.FindingRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The perflens.benchmark command takes a BenchmarkParams or a diagnostic's data as it arrives: JSON. */
class BenchmarkArgumentsTest {
    @Test
    void aBareFindingRefIsTheFindingToBenchmark() {
        BenchmarkParams params = BenchmarkHandler.paramsFromArguments(List.of(JsonParser.parseString(
                "{\"uri\":\"file:///w/A.java\",\"version\":3,\"ruleId\":\"regex-in-loop\",\"key\":\"regex-in-loop@10+5\"}")));
        assertEquals(new FindingRef("file:///w/A.java", 3, "regex-in-loop", "regex-in-loop@10+5"), params.getFinding());
    }

    @Test
    void benchmarkParamsKeepEveryFieldIncludingTheProgressToken() {
        BenchmarkParams params = BenchmarkHandler.paramsFromArguments(List.of(JsonParser.parseString(
                "{\"uri\":\"file:///w/A.java\",\"position\":{\"line\":4,\"character\":2},\"mode\":\"thorough\","
                        + "\"sizes\":[10,100],\"forks\":3,\"workDoneToken\":7}")));
        assertNull(params.getFinding());
        assertEquals(4, params.getPosition().getLine());
        assertEquals("thorough", params.getMode());
        assertEquals(List.of(10, 100), params.getSizes());
        assertEquals(3, params.getForks());
        assertEquals(7, params.getWorkDoneToken().getRight());
        assertNull(BenchmarkHandler.paramsFromArguments(List.of()));
    }
}
