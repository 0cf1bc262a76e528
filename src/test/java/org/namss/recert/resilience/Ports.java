package org.namss.recert.resilience;

import java.io.IOException;
import java.net.ServerSocket;

final class Ports {

  private Ports() {}

  static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
