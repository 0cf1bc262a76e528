package org.namss.recert.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;

/**
 * One real SMTP server (GreenMail) and one HTTP server standing in for Credly (WireMock) per test JVM, on free
 * ports, shared by every application test so that Spring can reuse its contexts. Tests reset them before use.
 */
public final class TestServers {

  private static GreenMail smtp;
  private static WireMockServer credly;

  private TestServers() {}

  public static synchronized GreenMail smtp() {
    if (smtp == null) {
      smtp = new NoDelayGreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
    }
    return smtp;
  }

  public static synchronized WireMockServer credly() {
    if (credly == null) {
      credly = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
      credly.start();
      Runtime.getRuntime().addShutdownHook(new Thread(credly::stop));
    }
    return credly;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
