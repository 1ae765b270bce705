package dev.perflens.lsp.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real server in a child JVM, spoken to byte by byte over its stdin/stdout, so tests can
 * send what a well-behaved LSP library never would (bad framing, bad JSON, bad UTF-8).
 */
public final class RawLspProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();

    public RawLspProcess(Path workDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.perflens.lsp.Main", "lsp")
                .directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        in = process.getOutputStream();
        Thread reader = new Thread(() -> read(process.getInputStream()), "raw-lsp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public Process process() {
        return process;
    }

    private void read(InputStream out) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = readLine(out)).isEmpty()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = out.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    private static String readLine(InputStream stream) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = stream.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1) {
            throw new IOException("end of stream");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** A frame with a correct Content-Length. */
    public void send(String json) throws IOException {
        sendBody(json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBody(byte[] body) throws IOException {
        sendRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    public void sendRaw(byte[]... parts) throws IOException {
        for (byte[] part : parts) {
            in.write(part);
        }
        in.flush();
    }

    public void closeInput() throws IOException {
        in.close();
    }

    /** The next message (response or notification) matching {@code filter}, waiting up to {@code seconds}. */
    public JsonObject await(Predicate<JsonObject> filter, int seconds) throws InterruptedException {
        for (JsonObject message : seen) {
            if (filter.test(message)) {
                seen.remove(message);
                return message;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonObject message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message == null) {
                continue;
            }
            if (filter.test(message)) {
                return message;
            }
            seen.add(message);
        }
        return null;
    }

    public JsonObject response(int id, int seconds) throws InterruptedException {
        return await(m -> m.has("id") && !m.has("method") && m.get("id").isJsonPrimitive()
                && m.get("id").getAsInt() == id, seconds);
    }

    public static int errorCode(JsonObject response) {
        JsonElement error = response.get("error");
        return error == null ? 0 : error.getAsJsonObject().get("code").getAsInt();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
