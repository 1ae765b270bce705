package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class UnbufferedIoRuleTest {
    private final RuleTester tester = RuleTester.of(new UnbufferedIoRule());

    @Test
    void flagsSingleAndSmallTransfersOnUnbufferedStreams() {
        tester.expectMarkedFindings("""
                import java.io.*;
                import java.net.Socket;
                import java.nio.file.*;

                class Copier {
                    long count(File file, Socket socket, Path path, FileInputStream given) throws IOException {
                        long n = 0;
                        try (FileInputStream in = new FileInputStream(file)) {
                            // PERF: unbuffered-io
                            while (in.read() != -1) {
                                n++;
                            }
                        }
                        FileReader reader = new FileReader(file);
                        int c;
                        // PERF: unbuffered-io
                        while ((c = reader.read()) != -1) {
                            n += c;
                        }
                        reader.close();
                        InputStream fromSocket = socket.getInputStream();
                        byte[] one = new byte[1];
                        // PERF: unbuffered-io
                        while (fromSocket.read(one) > 0) {
                            n++;
                        }
                        try (OutputStream out = Files.newOutputStream(path); FileWriter writer = new FileWriter(file)) {
                            for (int i = 0; i < n; i++) {
                                // PERF: unbuffered-io
                                out.write(i);
                                // PERF: unbuffered-io
                                writer.write('x');
                                // PERF: unbuffered-io
                                out.write(one, 0, 1);
                            }
                        }
                        for (int i = 0; i < 100; i++) {
                            // PERF: unbuffered-io
                            n += given.read();
                        }
                        try (RandomAccessFile raf = new RandomAccessFile(file, "r")) {
                            for (int i = 0; i < 100; i++) {
                                // PERF: unbuffered-io
                                n += raf.readInt();
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void seesASocketStreamAssignedAfterItsDeclarationAndLeavesLockStepExchangesAlone() {
        tester.expectMarkedFindings("""
                import java.io.*;
                import java.net.Socket;
                import java.util.List;

                class Protocol {
                    long talk(Socket socket, List<byte[]> requests) throws IOException {
                        long n = 0;
                        InputStream in = null;
                        OutputStream out;
                        in = socket.getInputStream();
                        out = socket.getOutputStream();
                        for (byte[] request : requests) {
                            out.write(request.length);
                            out.flush();
                            n += in.read(); // lock-step: one reply per flushed request, a buffer saves no receive
                        }
                        while (true) {
                            int command = in.read(); // a server answering each command before the next
                            if (command < 0) {
                                break;
                            }
                            out.write(command);
                            out.flush();
                        }
                        for (byte[] request : requests) {
                            // PERF: unbuffered-io
                            n += in.read();
                        }
                        for (int i = 0; i < n; i++) {
                            // PERF: unbuffered-io
                            out.write(i);
                        }
                        out.flush();
                        return n;
                    }
                }
                """);
    }

    @Test
    void leavesBufferedStreamsBulkCopiesAndSingleCallsAlone() {
        tester.expectMarkedFindings("""
                import java.io.*;

                class Fine {
                    long copy(File from, File to, InputStream anyStream) throws IOException {
                        long n = 0;
                        try (InputStream in = new BufferedInputStream(new FileInputStream(from));
                             OutputStream out = new FileOutputStream(to)) {
                            byte[] buffer = new byte[8192];
                            int read;
                            while ((read = in.read(buffer)) > 0) {
                                out.write(buffer, 0, read);
                            }
                            while (in.read() != -1) {
                                n++;
                            }
                        }
                        try (FileInputStream once = new FileInputStream(from)) {
                            n += once.read();
                        }
                        try (BufferedReader reader = new BufferedReader(new FileReader(from))) {
                            while (reader.read() != -1) {
                                n++;
                            }
                        }
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        for (int i = 0; i < 100; i++) {
                            bytes.write(i);
                            n += anyStream.read();
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void fixWrapsAnInputStreamCreatedInTryWithResources() {
        tester.expectFix("""
                import java.io.File;
                import java.io.FileInputStream;
                import java.io.IOException;

                class Counter {
                    long count(File file) throws IOException {
                        long n = 0;
                        try (FileInputStream in = new FileInputStream(file)) {
                            while (in.read() != -1) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, """
                import java.io.BufferedInputStream;
                import java.io.File;
                import java.io.FileInputStream;
                import java.io.IOException;

                class Counter {
                    long count(File file) throws IOException {
                        long n = 0;
                        try (BufferedInputStream in = new BufferedInputStream(new FileInputStream(file))) {
                            while (in.read() != -1) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void fixWrapsAWriterClosedInFinallyAndKeepsAWiderDeclaredType() {
        tester.expectFix("""
                import java.io.*;

                class Dump {
                    void dump(File file, char[] text) throws IOException {
                        Writer writer = new FileWriter(file);
                        try {
                            for (char c : text) {
                                writer.write(c);
                            }
                        } finally {
                            if (writer != null) {
                                writer.close();
                            }
                        }
                    }
                }
                """, """
                import java.io.*;

                class Dump {
                    void dump(File file, char[] text) throws IOException {
                        Writer writer = new BufferedWriter(new FileWriter(file));
                        try {
                            for (char c : text) {
                                writer.write(c);
                            }
                        } finally {
                            if (writer != null) {
                                writer.close();
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void fixWrapsAnOutputStreamInTryWithResourcesPassedAsAnOutputStream() {
        tester.expectFix("""
                import java.io.*;

                class Save {
                    void save(File file, byte[] data) throws IOException {
                        try (FileOutputStream out = new FileOutputStream(file)) {
                            header(out);
                            for (byte b : data) {
                                out.write(b);
                            }
                        }
                    }

                    void header(OutputStream out) throws IOException {
                        out.write(new byte[] {1, 2});
                    }
                }
                """, """
                import java.io.*;

                class Save {
                    void save(File file, byte[] data) throws IOException {
                        try (BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(file))) {
                            header(out);
                            for (byte b : data) {
                                out.write(b);
                            }
                        }
                    }

                    void header(OutputStream out) throws IOException {
                        out.write(new byte[] {1, 2});
                    }
                }
                """);
    }

    @Test
    void noFixForAnOutputStreamThatIsNotClosedOnEveryPath() {
        tester.expectNoFix("""
                import java.io.*;

                class Leaky {
                    void save(File file, byte[] data) throws IOException {
                        FileOutputStream out = new FileOutputStream(file);
                        for (byte b : data) {
                            out.write(b);
                        }
                        out.close();
                    }
                }
                """, "not closed by try-with-resources or in a finally block");
    }

    @Test
    void noFixWhenAUseDiffersThroughTheWrapperOrTheStreamIsNotCreatedHere() {
        tester.expectNoFix("""
                import java.io.*;

                class Channel {
                    long read(File file) throws IOException {
                        long n = 0;
                        try (FileInputStream in = new FileInputStream(file)) {
                            in.skip(4);
                            while (in.read() != -1) {
                                n += in.getChannel().position();
                            }
                        }
                        return n;
                    }
                }
                """, "would behave differently");
        tester.expectNoFix("""
                import java.io.*;

                class Given {
                    long read(FileInputStream in) throws IOException {
                        long n = 0;
                        while (in.read() != -1) {
                            n++;
                        }
                        return n;
                    }
                }
                """, "not created in this method");
        tester.expectNoFix("""
                import java.io.*;
                import java.net.Socket;

                class Remote {
                    long read(Socket socket) throws IOException {
                        InputStream in = socket.getInputStream();
                        long n = 0;
                        while (in.read() != -1) {
                            n++;
                        }
                        return n;
                    }
                }
                """, "Socket.getInputStream()");
        tester.expectNoFix("""
                import java.io.*;

                class Exposed {
                    FileInputStream last;

                    long read(File file) throws IOException {
                        FileInputStream in = new FileInputStream(file);
                        last = in;
                        long n = 0;
                        while (in.read() != -1) {
                            n++;
                        }
                        return n;
                    }
                }
                """, "stored or used as a value");
    }

    @Test
    void noFixForRandomAccessFilesSharedDeclarationsOrFileTypedParameters() {
        tester.expectNoFix("""
                import java.io.*;

                class Records {
                    long sum(File file) throws IOException {
                        long n = 0;
                        try (RandomAccessFile raf = new RandomAccessFile(file, "r")) {
                            for (int i = 0; i < 1000; i++) {
                                n += raf.readLong();
                            }
                        }
                        return n;
                    }
                }
                """, "RandomAccessFile cannot be wrapped");
        tester.expectNoFix("""
                import java.io.*;

                class Two {
                    long read(File a, File b) throws IOException {
                        FileInputStream first = new FileInputStream(a), second = new FileInputStream(b);
                        long n = 0;
                        while (first.read() != -1) {
                            n++;
                        }
                        first.close();
                        second.close();
                        return n;
                    }
                }
                """, "declared together with other variables");
        tester.expectNoFix("""
                import java.io.*;

                class Typed {
                    long read(File file) throws IOException {
                        FileInputStream in = new FileInputStream(file);
                        long n = 0;
                        while (in.read() != -1) {
                            n++;
                        }
                        finish(in);
                        return n;
                    }

                    void finish(FileInputStream in) throws IOException {
                        in.close();
                    }
                }
                """, "passed where a FileInputStream is expected");
    }
}
