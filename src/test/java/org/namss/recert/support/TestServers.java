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

  /** System property: {@code off} starts Credly's stand-in without a request journal. */
  public static final String CREDLY_JOURNAL = "recert.test.credly-journal";

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

  /**
   * Credly's stand-in. It keeps every request it receives in its journal, for the tests that verify what was sent;
   * with {@value #CREDLY_JOURNAL}{@code =off} (the benchmark profile sets it) it keeps none, so that a season of tens
   * of thousands of badge calls does not grow the heap the benchmark measures (the benchmark counts badges with a
   * request listener instead; WireMock refuses to verify without a journal).
   */
  public static synchronized WireMockServer credly() {
    if (credly == null) {
      WireMockConfiguration options = WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1");
      if ("off".equals(System.getProperty(CREDLY_JOURNAL))) {
        options.disableRequestJournal();
      }
      credly = new WireMockServer(options);
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
