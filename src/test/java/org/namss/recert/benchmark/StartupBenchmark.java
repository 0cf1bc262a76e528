package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.namss.recert.RecertificationApplication;
import org.namss.recert.support.SpringBootRun;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Start-up to a served Tasklist login page (default profile, H2 file in a fresh folder, job executor on), two ways:
 * the application started in a JVM of its own from its run-time class path, as {@code java -jar} and
 * {@code ./mvnw spring-boot:run} start it (time from launching the JVM until GET /camunda/app/tasklist/ answers
 * with the page); and started inside this test JVM, with the slowest bean instantiations listed.
 */
class StartupBenchmark {

  /** JVM options of the two ways users start it: production defaults, and what spring-boot:run adds. */
  private static final Map<String, List<String>> LAUNCHES = new LinkedHashMap<>();

  static {
    LAUNCHES.put("`java` with the JVM's defaults (as `java -jar` in production)", List.of());
    LAUNCHES.put("`" + String.join(" ", SpringBootRun.JVM_OPTIONS) + "` (what `./mvnw spring-boot:run` adds: its"
        + " `optimizedLaunch`, pom.xml's code cache and collector)", SpringBootRun.JVM_OPTIONS);
  }

  @Test
  void startupOfItsOwnJvm() throws Exception {
    StringBuilder table = new StringBuilder("| JVM | first start (empty database) | restart (same database) |\n"
        + "| --- | --- | --- |\n");
    int run = 0;
    for (Map.Entry<String, List<String>> launch : LAUNCHES.entrySet()) {
      Path db = Path.of("target/benchmark/startup-jvm-" + UUID.randomUUID()).toAbsolutePath();
      long first = ownJvmToTasklist(launch.getValue(), db, "startup-jvm-" + run + "-first");
      long restart = ownJvmToTasklist(launch.getValue(), db, "startup-jvm-" + run + "-restart");
      table.append("| ").append(launch.getKey()).append(" | ").append(first).append(" ms | ").append(restart)
          .append(" ms |\n");
      run++;
    }
    SeasonReport.write("startup-jvm", table + "\nTime from launching the JVM (-Xmx512m, the application's run-time "
        + "class path) until the Tasklist login page is served. Load average (1 min) at the end: "
        + SeasonReport.fmt(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + "\n");
  }

  private static long ownJvmToTasklist(List<String> jvmOptions, Path db, String logName) throws Exception {
    Files.createDirectories(Path.of("target/benchmark"));
    String classPath = "target/classes" + File.pathSeparator
        + Files.readString(Path.of("target/runtime-classpath.txt")).trim();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, RecertificationApplication.class.getName(), "--server.port=" + port,
        "--recert.h2.file=" + db + "/recertification"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Path.of("target/benchmark/" + logName + ".log").toFile());
    builder.environment().put("RECERT_ADMIN_PASSWORD", "startup-benchmark-password");
    long start = System.nanoTime();
    Process app = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest tasklist = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/"))
          .timeout(Duration.ofSeconds(10)).build();
      while (true) {
        assertThat(app.isAlive()).as("the application is running (see target/benchmark/" + logName + ".log)")
            .isTrue();
        assertThat(System.nanoTime() - start).as("started within 3 minutes").isLessThan(180_000_000_000L);
        try {
          HttpResponse<String> page = http.send(tasklist, HttpResponse.BodyHandlers.ofString());
          if (page.statusCode() == 200 && page.body().toLowerCase().contains("tasklist")) {
            return (System.nanoTime() - start) / 1_000_000;
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
    } finally {
      app.destroy();
      if (!app.waitFor(60, TimeUnit.SECONDS)) {
        app.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void startupToTasklistLoginPage() throws Exception {
    long jvmUptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    // the application's own H2 settings, in a fresh file: the first start creates the schema, deploys the
    // models and the identities; the second is an ordinary restart on the same file
    String file = "./target/benchmark/startup-" + UUID.randomUUID();
    BufferingApplicationStartup steps = new BufferingApplicationStartup(20_000);
    long first = startToTasklist(file, steps);
    String slowest = slowestBeans(steps, 15);
    long restart = startToTasklist(file, new BufferingApplicationStartup(20_000));
    SeasonReport.write("startup-in-test-jvm", "| measure | value |\n| --- | --- |\n"
        + "| first start (empty database) to Tasklist login page served | " + first + " ms |\n"
        + "| restart (same database) to Tasklist login page served | " + restart + " ms |\n"
        + "| JVM uptime when the test began (surefire fork) | " + jvmUptimeAtStart + " ms |\n"
        + "| load average (1 min) | " + SeasonReport.fmt(ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()) + " |\n"
        + "\nSlowest bean instantiations of the first start (including the beans they create):\n\n" + slowest);
  }

  /** The slowest {@code spring.beans.instantiate} steps, as "| bean | ms |" rows. */
  private static String slowestBeans(BufferingApplicationStartup steps, int limit) {
    StringBuilder rows = new StringBuilder("| bean | ms |\n| --- | --- |\n");
    steps.getBufferedTimeline().getEvents().stream()
        .filter(e -> e.getStartupStep().getName().equals("spring.beans.instantiate"))
        .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed()).limit(limit)
        .forEach(e -> {
          String bean = "?";
          for (StartupStep.Tag tag : e.getStartupStep().getTags()) {
            if (tag.getKey().equals("beanName")) {
              bean = tag.getValue();
            }
          }
          rows.append("| ").append(bean).append(" | ").append(e.getDuration().toMillis()).append(" |\n");
        });
    return rows.toString();
  }

  private static long startToTasklist(String file, BufferingApplicationStartup steps) throws Exception {
    long start = System.nanoTime();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RecertificationApplication.class)
        .applicationStartup(steps).run(
        "--server.port=0", "--recert.h2.file=" + file,
        "--recert.admin.password=startup-benchmark-password", "--logging.level.root=WARN")) {
      int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/")).build(),
              HttpResponse.BodyHandlers.ofString());
      long startupMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).containsIgnoringCase("tasklist");
      return startupMs;
    }
  }
}
