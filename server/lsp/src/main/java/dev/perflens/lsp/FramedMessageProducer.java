package dev.perflens.lsp;

import com.google.gson.stream.JsonReader;
import dev.perflens.lsp.logging.ServerLog;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Reads the client's messages in place of LSP4J's StreamMessageProducer, which parses straight
 * from the stream and, when the parser stops early, leaves the rest of the body to be read as
 * the next header (after which every message is "Missing header Content-Length"). Here each body
 * is read whole by the {@link FrameReader} first, its JSON nesting is measured before Gson sees
 * it (Gson's readers recurse per level), and whatever a body does to the parser, the next frame
 * starts where its Content-Length says.
 */
final class FramedMessageProducer implements MessageProducer {
    private static final Logger LOG = Logger.getLogger(FramedMessageProducer.class.getName());
    /** Far deeper than any LSP message; deep enough input would otherwise overflow a parser's stack. */
    static final int MAX_DEPTH = 128;

    private final FrameReader frames;
    private final MessageJsonHandler json;
    private final MessageIssueHandler issues;
    private volatile boolean running = true;

    FramedMessageProducer(InputStream in, int maxBody, MessageJsonHandler json, MessageIssueHandler issues) {
        this.frames = new FrameReader(in, maxBody);
        this.json = json;
        this.issues = issues;
    }

    @Override
    public void listen(MessageConsumer callback) throws JsonRpcException {
        try {
            byte[] body;
            while (running && (body = frames.next()) != null) {
                handle(body, callback);
            }
        } catch (IOException e) {
            if (running) {
                LOG.info("the client's input ended: " + e.getMessage());
            }
        } finally {
            running = false;
        }
    }

    private void handle(byte[] body, MessageConsumer callback) {
        int depth = nesting(body, MAX_DEPTH);
        if (depth > MAX_DEPTH) {
            reject(body, "JSON nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        try {
            Message message = json.parseMessage(new String(body, StandardCharsets.UTF_8));
            callback.consume(message);
        } catch (MessageIssueException e) {
            issues.handle(e.getRpcMessage(), e.getIssues());
        } catch (RuntimeException | StackOverflowError e) {
            // a message LSP4J cannot parse, or a handler that threw: this message only
            LOG.warning("a message of " + body.length + " bytes failed: " + ServerLog.shorten(String.valueOf(e), 300));
        }
    }

    /** Answers a request the server will not parse with an error, as LSP4J answers unparsable ones. */
    private void reject(byte[] body, String why) {
        RequestMessage request = shallowRequest(body);
        LOG.warning("rejected a message of " + body.length + " bytes: " + why);
        if (request != null && request.getRawId() != null) {
            issues.handle(request, List.of(new MessageIssue("Message could not be parsed: " + why,
                    ResponseErrorCode.ParseError.getValue())));
        }
    }

    /** The top-level id and method, read without descending into any other value (skipValue does not recurse). */
    static RequestMessage shallowRequest(byte[] body) {
        try (JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            reader.setLenient(true);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return null;
            }
            reader.beginObject();
            RequestMessage request = new RequestMessage();
            while (reader.hasNext()) {
                String name = reader.nextName();
                JsonToken token = reader.peek();
                if ("id".equals(name) && token == JsonToken.NUMBER) {
                    request.setRawId(Either.forRight(Long.valueOf(reader.nextLong())));
                } else if ("id".equals(name) && token == JsonToken.STRING) {
                    request.setRawId(Either.forLeft(ServerLog.shorten(reader.nextString(), 200)));
                } else if ("method".equals(name) && token == JsonToken.STRING) {
                    request.setMethod(ServerLog.shorten(reader.nextString(), 200));
                } else {
                    reader.skipValue();
                }
            }
            return request.getMethod() != null ? request : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The deepest nesting of arrays and objects in the JSON text, counting no further than
     * {@code limit + 1}; brackets inside strings do not count.
     */
    static int nesting(byte[] body, int limit) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                depth++;
                if (depth > deepest) {
                    deepest = depth;
                    if (deepest > limit) {
                        return deepest;
                    }
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return deepest;
    }

    void close() throws IOException {
        running = false;
        frames.close();
    }
}
