package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class StreamMissingBulkReadRuleTest {
    private final RuleTester tester = RuleTester.of(new StreamMissingBulkReadRule());

    @Test
    void flagsStreamsWithOnlySingleByteMethods() {
        tester.expectMarkedFindings("""
                import java.io.*;

                class Streams {
                    static class Xor extends InputStream {
                        private final InputStream in;

                        Xor(InputStream in) {
                            this.in = in;
                        }

                        @Override
                        // PERF: stream-missing-bulk-read
                        public int read() throws IOException {
                            int b = in.read();
                            return b < 0 ? b : b ^ 0x5A;
                        }
                    }

                    static class Counting extends FilterOutputStream {
                        long count;

                        Counting(OutputStream out) {
                            super(out);
                        }

                        @Override
                        // PERF: stream-missing-bulk-read
                        public void write(int b) throws IOException {
                            count++;
                            out.write(b);
                        }
                    }

                    static class Sink extends OutputStream {
                        int written;

                        @Override
                        // PERF: stream-missing-bulk-read
                        public void write(int b) {
                            written++;
                        }

                        @Override
                        public void write(byte[] b) {
                        }
                    }

                    InputStream zeros() {
                        return new InputStream() {
                            @Override
                            // PERF: stream-missing-bulk-read
                            public int read() {
                                return 0;
                            }
                        };
                    }
                }
                """);
    }

    @Test
    void leavesStreamsWithBulkMethodsAndFilterInputStreamsAlone() {
        tester.expectMarkedFindings("""
                import java.io.*;

                class Fine {
                    static class Bulk extends InputStream {
                        @Override
                        public int read() {
                            return -1;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            return -1;
                        }
                    }

                    static class Derived extends Bulk {
                        @Override
                        public int read() {
                            return 0;
                        }
                    }

                    static class Upper extends FilterInputStream {
                        Upper(InputStream in) {
                            super(in);
                        }

                        @Override
                        public int read() throws IOException {
                            return Character.toUpperCase(in.read());
                        }
                    }

                    static class Fast extends FilterOutputStream {
                        Fast(OutputStream out) {
                            super(out);
                        }

                        @Override
                        public void write(int b) throws IOException {
                            out.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }
                    }

                    abstract static class Base extends InputStream {
                        @Override
                        public int read() {
                            return -1;
                        }
                    }

                    static class Chars extends Reader {
                        @Override
                        public int read() {
                            return -1;
                        }

                        @Override
                        public int read(char[] buffer, int off, int len) {
                            return -1;
                        }

                        @Override
                        public void close() {
                        }
                    }

                    // no per-byte work to save: the single-byte method does nothing or always throws
                    static class Discard extends OutputStream {
                        @Override
                        public void write(int b) {
                        }
                    }

                    static class ReadOnly extends OutputStream {
                        @Override
                        public void write(int b) throws IOException {
                            throw new IOException("read-only stream");
                        }
                    }

                    static class Closed extends InputStream {
                        @Override
                        public int read() throws IOException {
                            ensureOpen();
                            throw new IOException("closed");
                        }

                        void ensureOpen() {
                        }
                    }

                    static class NotAStream {
                        public int read() {
                            return 0;
                        }

                        public void write(int b) {
                        }
                    }

                    static class Bytes extends ByteArrayOutputStream {
                        @Override
                        public synchronized void write(int b) {
                            super.write(b);
                        }
                    }
                }
                """);
    }
}
