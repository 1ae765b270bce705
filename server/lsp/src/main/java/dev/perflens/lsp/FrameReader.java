package dev.perflens.lsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Cuts the client's byte stream into whole message bodies, each read by its Content-Length
 * before anything parses it, so a body the parser gives up on half-way (bad JSON, JSON nested
 * too deep) never leaves bytes behind to be read as the next header. A header line that is not
 * a header is searched for the last {@code Content-Length:} in it (where the next real frame
 * starts), and everything before it is dropped with a log line. Memory stays bounded: a header
 * line keeps at most {@link #MAX_HEADER_LINE} bytes (the tail, where a glued header would be),
 * and a body over {@link #maxBody} is skipped without being held.
 */
final class FrameReader {
    private static final Logger LOG = Logger.getLogger(FrameReader.class.getName());
    private static final String CONTENT_LENGTH = "content-length:";
    static final int MAX_HEADER_LINE = 8 * 1024;
    /** Larger than any document Perflens analyses (perflens.analysis.maxDocumentBytes caps at 64 MiB), with room for JSON escapes. */
    static final int DEFAULT_MAX_BODY = 128 * 1024 * 1024;

    private final InputStream in;
    private final int maxBody;
    private final byte[] line = new byte[MAX_HEADER_LINE];

    FrameReader(InputStream in, int maxBody) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxBody = maxBody;
    }

    /** The next message body, or null at the end of input. */
    byte[] next() throws IOException {
        while (true) {
            long length = -1;
            boolean sawHeader = false;
            String header;
            while ((header = readLine()) != null && !header.isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith(CONTENT_LENGTH)) {
                    length = parseLength(header);
                    sawHeader = true;
                } else if (lower.startsWith("content-type:")) {
                    sawHeader = true;
                } else {
                    int at = lower.lastIndexOf(CONTENT_LENGTH);
                    LOG.warning("dropped " + (at < 0 ? header.length() : at)
                            + " bytes that were not a message frame (a previous Content-Length was wrong?)");
                    if (at >= 0) {
                        length = parseLength(header.substring(at));
                        sawHeader = true;
                    }
                }
            }
            if (header == null) {
                return null;
            }
            if (!sawHeader || length < 0) {
                if (sawHeader) {
                    LOG.warning("a frame had no valid Content-Length; skipped");
                }
                continue;
            }
            if (length > maxBody) {
                long skipped = skip(length);
                LOG.warning("skipped a message of " + length + " bytes: over the limit of " + maxBody + " bytes");
                if (skipped < length) {
                    return null;
                }
                continue;
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                LOG.warning("input ended inside a message of " + length + " bytes");
                return null;
            }
            return body;
        }
    }

    private long skip(long length) throws IOException {
        byte[] scratch = new byte[1 << 16];
        long done = 0;
        while (done < length) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, length - done));
            if (read < 0) {
                break;
            }
            done += read;
        }
        return done;
    }

    private static long parseLength(String header) {
        String digits = header.substring(CONTENT_LENGTH.length()).trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /**
     * One line without its terminator, or null at the end of input. A line longer than
     * {@link #MAX_HEADER_LINE} keeps its last half-buffer of bytes: a real header glued to the
     * end of garbage is still found, and the garbage is never held whole.
     */
    private String readLine() throws IOException {
        int size = 0;
        long total = 0;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                continue;
            }
            total++;
            if (size == line.length) {
                int keep = line.length / 2;
                System.arraycopy(line, size - keep, line, 0, keep);
                size = keep;
            }
            line[size++] = (byte) c;
        }
        if (c == -1 && total == 0) {
            return null;
        }
        if (total > size) {
            LOG.warning("a header line of " + total + " bytes (over " + MAX_HEADER_LINE + "): only its end was kept");
        }
        return new String(Arrays.copyOf(line, size), StandardCharsets.UTF_8);
    }

    void close() throws IOException {
        in.close();
    }
}
