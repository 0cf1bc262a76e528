package org.namss.recert.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code ./mvnw spring-boot:run} gives the JIT its usual code cache: with the plugin's -XX:TieredStopAtLevel=1 alone
 * it is 48 MB, which the application filled under load, after which H2 closed the database (pom.xml). The nodes of
 * the resilience tests and the start-up benchmark start with {@link SpringBootRun#JVM_OPTIONS}, the same options.
 */
class SpringBootRunTest {

  @Test
  void springBootRunGivesTheJitItsUsualCodeCache() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    String jvmArguments = XPathFactory.newInstance().newXPath().evaluate(
        "/*[local-name()='project']/*[local-name()='build']/*[local-name()='plugins']/*[local-name()='plugin']"
            + "[*[local-name()='artifactId']='spring-boot-maven-plugin']/*[local-name()='configuration']"
            + "/*[local-name()='jvmArguments']", pom).trim();

    assertThat(jvmArguments).isEqualTo(SpringBootRun.CODE_CACHE);
    assertThat(SpringBootRun.JVM_OPTIONS).containsExactly(SpringBootRun.OPTIMIZED_LAUNCH, SpringBootRun.CODE_CACHE);
  }
}
