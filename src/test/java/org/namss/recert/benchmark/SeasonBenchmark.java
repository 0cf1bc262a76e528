package org.namss.recert.benchmark;

import java.util.UUID;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The season benchmark on H2 in file mode (the default profile's database), in a fresh file per run. */
@DisabledIfSystemProperty(named = "benchmark.db", matches = "postgres")
class SeasonBenchmark extends AbstractSeasonBenchmark {

  @DynamicPropertySource
  static void h2File(DynamicPropertyRegistry registry) {
    String file = "./target/benchmark/db-" + UUID.randomUUID();
    BenchmarkSettings.applicationH2File(registry, file);
  }

  @Override
  String database() {
    return "h2-file";
  }
}
