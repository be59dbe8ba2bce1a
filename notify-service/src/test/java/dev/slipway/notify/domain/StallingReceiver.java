package dev.slipway.notify.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP receiver misbehaving on a raw socket, one connection at a time: it reads the request, sends the answer's
 * status line and headers, and then either stalls (sends nothing more and waits for the client to hang up) or sends
 * a body that never ends. It notes when the client closed the connection, so a test sees the exchange was abandoned
 * rather than left open.
 */
final class StallingReceiver implements AutoCloseable {
    /** Declared by an endless body: far more than any client should read. */
    static final long ENDLESS = 1L << 30;

    enum Behaviour { HEADERS_THEN_STALL, ENDLESS_BODY }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final int status;
    private final Thread thread;
    private final AtomicBoolean clientHungUp = new AtomicBoolean();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private volatile Socket current;

    StallingReceiver(Behaviour behaviour, int status) {
        this.behaviour = behaviour;
        this.status = status;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "stalling-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/T0/secret-path-token";
    }

    boolean clientHungUp() {
        return clientHungUp.get();
    }

    long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 " + status + " Whatever\r\nContent-Type: text/plain\r\nContent-Length: "
                        + ENDLESS + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (behaviour == Behaviour.HEADERS_THEN_STALL) {
                    awaitHangUp(socket.getInputStream());
                } else {
                    sendUntilHangUp(out);
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The headers, then as many body bytes as they announce. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended in its headers");
            }
            head.write(b);
        }
        long length = head.toString(StandardCharsets.US_ASCII).lines()
                .filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
        in.readNBytes((int) length);
    }

    private void awaitHangUp(InputStream in) {
        try {
            if (in.read() < 0) {
                clientHungUp.set(true);
            }
        } catch (IOException e) {
            clientHungUp.set(true);
        }
    }

    private void sendUntilHangUp(OutputStream out) {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'x');
        try {
            while (bodyBytesSent.get() < ENDLESS) {
                out.write(chunk);
                bodyBytesSent.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            clientHungUp.set(true);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
