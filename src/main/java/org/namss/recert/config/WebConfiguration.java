package org.namss.recert.config;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The embedded web server's handling of uploads. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  /**
   * An upload over the multipart limit (11 MB) is refused before its body is read. Tomcat then reads and drops
   * at most 2 MB of the rest by default and closes the connection on the client still sending: the client saw a
   * broken connection instead of the 413 problem answer. Dropping up to 16 MB lets the answer arrive; anything
   * larger is still cut off.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowRefusedUploads() {
    return factory -> factory.addConnectorCustomizers(connector -> {
      if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
        http.setMaxSwallowSize((int) DataSize.ofMegabytes(16).toBytes());
      }
    });
  }
}
