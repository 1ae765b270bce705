package dev.perflens.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Re-frames the client's byte stream before LSP4J reads it, so one bad frame costs one
 * message, not the connection. LSP4J trusts each Content-Length: after a wrong one the next
 * header is glued to the rest of a body and never found again. Here a header line that is not
 * a header is searched for the last {@code Content-Length:} in it (where the next real frame
 * starts), and everything before it is dropped with a log line.
 */
final class ResyncingInputStream extends InputStream {
    private static final Logger LOG = Logger.getLogger(ResyncingInputStream.class.getName());
    private static final String CONTENT_LENGTH = "content-length:";
    private static final int MAX_BODY = 256 * 1024 * 1024;

    private final InputStream in;
    private byte[] frame = new byte[0];
    private int position;

    ResyncingInputStream(InputStream in) {
        this.in = new java.io.BufferedInputStream(in, 1 << 16);
    }

    @Override
    public int read() throws IOException {
        if (position >= frame.length && !nextFrame()) {
            return -1;
        }
        return frame[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= frame.length && !nextFrame()) {
            return -1;
        }
        int count = Math.min(length, frame.length - position);
        System.arraycopy(frame, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean nextFrame() throws IOException {
        while (true) {
            int length = -1;
            boolean sawHeader = false;
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith(CONTENT_LENGTH)) {
                    length = parseLength(line);
                    sawHeader = true;
                } else if (lower.startsWith("content-type:")) {
                    sawHeader = true;
                } else {
                    int header = lower.lastIndexOf(CONTENT_LENGTH);
                    LOG.warning("dropped " + (header < 0 ? line.length() : header)
                            + " bytes that were not a message frame (a previous Content-Length was wrong?)");
                    if (header >= 0) {
                        length = parseLength(line.substring(header));
                        sawHeader = true;
                    }
                }
            }
            if (line == null) {
                return false;
            }
            if (!sawHeader || length < 0) {
                if (sawHeader) {
                    LOG.warning("a frame had no valid Content-Length; skipped");
                }
                continue;
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                LOG.warning("input ended inside a message of " + length + " bytes");
                return false;
            }
            byte[] header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            frame = new byte[header.length + body.length];
            System.arraycopy(header, 0, frame, 0, header.length);
            System.arraycopy(body, 0, frame, header.length, body.length);
            position = 0;
            return true;
        }
    }

    private static int parseLength(String line) {
        try {
            int length = Integer.parseInt(line.substring(CONTENT_LENGTH.length()).trim());
            return length >= 0 && length <= MAX_BODY ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One line without its terminator, or null at the end of input. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
