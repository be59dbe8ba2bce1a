package dev.slipway.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for services: the kernel's choice of a free one, released at once for the service to bind. */
final class FreePorts {
    private FreePorts() {
    }

    static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
