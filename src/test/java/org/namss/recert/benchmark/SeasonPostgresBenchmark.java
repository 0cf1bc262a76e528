package org.namss.recert.benchmark;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.namss.recert.support.PostgresTest;

/** The season benchmark on PostgreSQL 127.0.0.1:5432 ({@code -Dbenchmark.db=postgres}), fresh database per run. */
@PostgresTest
@EnabledIfSystemProperty(named = "benchmark.db", matches = "postgres")
class SeasonPostgresBenchmark extends AbstractSeasonBenchmark {

  @Override
  String database() {
    return "postgresql";
  }
}
