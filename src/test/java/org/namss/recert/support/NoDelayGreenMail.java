package org.namss.recert.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail whose SMTP server answers without Nagle's delay ({@code TCP_NODELAY} on every accepted connection).
 *
 * <p>GreenMail 2.1 writes each line of its multi-line EHLO reply with a flush of its own. With Nagle's algorithm
 * on, the kernel holds the second line until the client acknowledges the first, and the client, still waiting for
 * the last line, acknowledges only when its delayed-ACK timer fires (40 ms on Linux). Every message therefore cost
 * about 45 ms of waiting in EHLO (JFR: 8,293 of 8,399 EHLO reads in a benchmark run took over 20 ms), against
 * 2-4 ms with this class. Production mail servers (Postfix, for one) buffer a reply and send it in one segment,
 * so this makes the test double behave like them; the application's client is unchanged (docs/performance.md,
 * "SMTP").
 */
public class NoDelayGreenMail extends GreenMail {

  public NoDelayGreenMail(ServerSetup... setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
    Map<String, AbstractServer> services = new HashMap<>(super.createServices(config, managers));
    for (ServerSetup setup : config) {
      if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
        services.put(setup.getProtocol(), new NoDelaySmtpServer(setup, managers));
      }
    }
    return services;
  }

  private static final class NoDelaySmtpServer extends SmtpServer {

    NoDelaySmtpServer(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected void handleClientSocket(Socket client) throws SocketException {
      client.setTcpNoDelay(true);
      super.handleClientSocket(client);
    }
  }
}
