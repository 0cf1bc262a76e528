package org.namss.recert.resilience;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.namss.recert.support.SpringBootRun;

/**
 * One node of the real application, run as an operating-system process of its own (so a SIGKILL is a real one):
 * {@code java -cp <the test JVM's classpath> ResilienceLauncher} with the job executor on, on a free port, against
 * the database, SMTP server and Credly stand-in the test gives it. Its output goes to
 * {@code target/resilience/<name>.log}.
 */
final class AppNode {

  static final String ADMIN_PASSWORD = "resilience-admin-password";
  private static final Path LOGS = Path.of("target", "resilience");

  private final String name;
  private final Map<String, String> properties;
  private final long clockOffsetMillis;
  private final int port;
  private Process process;
  private int starts;

  /**
   * @param name the node's name: its log file and its Camunda host name (ACT_HI_JOB_LOG.HOSTNAME_)
   * @param properties Spring properties (database, mail, Credly, job executor) on top of the defaults here
   */
  AppNode(String name, Map<String, String> properties, long clockOffsetMillis) {
    this.name = name;
    this.properties = properties;
    this.clockOffsetMillis = clockOffsetMillis;
    this.port = Ports.free();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String name() {
    return name;
  }

  /** Starts the node (again, on the same port and database) and waits until its health probe answers UP. */
  AppNode start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    Map<String, String> args = new LinkedHashMap<>();
    args.put("server.port", String.valueOf(port));
    args.put("spring.main.banner-mode", "off");
    args.put("recert.admin.user-id", "admin");
    args.put("camunda.bpm.job-execution.enabled", "true");
    args.put("camunda.bpm.job-execution.core-pool-size", "2");
    args.put("camunda.bpm.job-execution.max-pool-size", "2");
    args.put("camunda.bpm.job-execution.queue-capacity", "6");
    args.put("camunda.bpm.job-execution.max-jobs-per-acquisition", "6");
    // a killed node's locked jobs are taken over once their lock expires (5 minutes by default)
    args.put("camunda.bpm.job-execution.lock-time-in-millis", "20000");
    args.put("camunda.bpm.job-execution.wait-time-in-millis", "300");
    args.put("camunda.bpm.job-execution.max-wait", "1000");
    args.put("camunda.bpm.generic-properties.properties.hostname", name);
    args.put("credly.organization-id", "org-42");
    args.put("credly.auth-token", "resilience-credly-token");
    args.put("credly.template-ids.cpcs", "template-cpcs");
    args.put("credly.template-ids.cpmsm", "template-cpmsm");
    args.put("credly.read-timeout", "1s");
    args.put("credly.connect-timeout", "1s");
    args.put("logging.level.org.camunda.bpm.engine.jobexecutor", "WARN");
    args.put("logging.level.org.camunda.bpm.engine.context", "ERROR");
    args.putAll(properties);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(SpringBootRun.JVM_OPTIONS); // as ./mvnw spring-boot:run starts it, the collector included
    command.add("-Djava.awt.headless=true");
    command.add("-Drecert.test.clock-offset-ms=" + clockOffsetMillis);
    command.add("-cp");
    command.add(classpath());
    command.add(ResilienceLauncher.class.getName());
    args.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(name + (starts == 0 ? "" : "-restart" + starts) + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("RECERT_ADMIN_PASSWORD", ADMIN_PASSWORD);
      process = builder.start();
      starts++;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + name, e);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      awaitReady(http);
    } catch (RuntimeException | Error e) {
      destroyQuietly(); // never leave a node behind that did not come up
      throw e;
    }
    return this;
  }

  private void awaitReady(HttpClient http) {
    await(name + " up").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see its log in " + LOGS);
      }
      try {
        URI readiness = URI.create(baseUrl() + "/actuator/health/readiness");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(readiness)
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return health.statusCode() == 200 && health.body().contains("UP");
      } catch (IOException e) {
        return false;
      }
    });
  }

  /**
   * Kills the node with SIGKILL: {@code ProcessHandle.destroyForcibly()} on Linux sends signal 9, so no shutdown
   * hook, no transaction completion, no lock release.
   *
   * @return the exit status (137 = 128 + SIGKILL)
   */
  int kill() {
    process.toHandle().destroyForcibly();
    return waitForExit();
  }

  /** Stops the node as an orchestrator would (SIGTERM: Spring closes the context, the job executor stops). */
  int stop() {
    process.toHandle().destroy();
    return waitForExit();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  private int waitForExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void destroyQuietly() {
    if (alive()) {
      process.toHandle().destroyForcibly();
      waitForExit();
    }
  }

  /**
   * The test JVM's classpath (surefire's full one, else java.class.path) without the test classes, so that the
   * application scans only its own components; the launcher alone is copied to a directory of its own.
   */
  private static String classpath() {
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try {
      Path dir = Files.createDirectories(LOGS.resolve("launcher").toAbsolutePath());
      String resource = ResilienceLauncher.class.getName().replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = ResilienceLauncher.class.getClassLoader().getResourceAsStream(resource)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> entries = new ArrayList<>();
      entries.add(dir.toString());
      for (String entry : full.split(File.pathSeparator)) {
        if (!entry.replace('\\', '/').endsWith("test-classes") && !entry.replace('\\', '/').endsWith("test-classes/")) {
          entries.add(entry);
        }
      }
      return entries.stream().collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
