package org.namss.recert.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code ./mvnw spring-boot:run} gives the JIT its usual code cache: with the plugin's -XX:TieredStopAtLevel=1 alone
 * it is 48 MB, which the application filled under load, after which H2 closed the database (pom.xml); and it runs the
 * parallel collector docs/operations.md recommends for the embedded H2. The nodes of the resilience tests and the
 * start-up benchmark start with {@link SpringBootRun#JVM_OPTIONS}, the same options.
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

    assertThat(jvmArguments.split("\\s+")).containsExactly(SpringBootRun.CODE_CACHE, SpringBootRun.PARALLEL_GC);
    assertThat(SpringBootRun.JVM_OPTIONS).containsExactly(SpringBootRun.OPTIMIZED_LAUNCH, SpringBootRun.CODE_CACHE,
        SpringBootRun.PARALLEL_GC);
  }

  @Test
  void aJvmStartedWithTheseOptionsCompilesWithC1IntoA240MbCodeCacheAndCollectsInParallel() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SpringBootRun.JVM_OPTIONS);
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(flag(flags, "TieredStopAtLevel")).isEqualTo("1");
    assertThat(flag(flags, "ReservedCodeCacheSize")).isEqualTo(String.valueOf(240L * 1024 * 1024));
    assertThat(flag(flags, "UseParallelGC")).isEqualTo("true");
    assertThat(flag(flags, "UseG1GC")).isEqualTo("false");
  }

  private static String flag(String printFlagsFinal, String name) {
    Matcher value = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(printFlagsFinal);
    assertThat(value.find()).as(name + " in -XX:+PrintFlagsFinal").isTrue();
    return value.group(1);
  }
}
