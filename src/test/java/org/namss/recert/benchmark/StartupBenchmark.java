package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.namss.recert.RecertificationApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up to a served Tasklist login page: the application (default profile, H2 file in a fresh folder, job
 * executor on) started in this JVM, then GET /camunda/app/tasklist/ until the Tasklist page answers. Run in a JVM
 * of its own (the benchmark profile does not reuse forks), so class loading is cold as on a real start.
 */
class StartupBenchmark {

  @Test
  void startupToTasklistLoginPage() throws Exception {
    long jvmUptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    // the application's own H2 settings, in a fresh file: the first start creates the schema, deploys the
    // models and the identities; the second is an ordinary restart on the same file
    String url = "jdbc:h2:file:./target/benchmark/startup-" + UUID.randomUUID() + ";WRITE_DELAY=1";
    long first = startToTasklist(url);
    long restart = startToTasklist(url);
    SeasonReport.write("startup", "| measure | value |\n| --- | --- |\n"
        + "| first start (empty database) to Tasklist login page served | " + first + " ms |\n"
        + "| restart (same database) to Tasklist login page served | " + restart + " ms |\n"
        + "| JVM uptime when the test began (surefire fork) | " + jvmUptimeAtStart + " ms |\n"
        + "| load average (1 min) | " + SeasonReport.fmt(ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()) + " |\n");
  }

  private static long startToTasklist(String url) throws Exception {
    long start = System.nanoTime();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RecertificationApplication.class).run(
        "--server.port=0", "--spring.datasource.url=" + url,
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
