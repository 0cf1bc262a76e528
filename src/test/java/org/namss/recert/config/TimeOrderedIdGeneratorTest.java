package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Time-ordered ids (docs/performance.md): unique, increasing, version-7 UUIDs. */
class TimeOrderedIdGeneratorTest {

  @Test
  void idsFromConcurrentThreadsAreUniqueAndIncreaseWithinEachThread() throws Exception {
    TimeOrderedIdGenerator generator = new TimeOrderedIdGenerator();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> batches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        batches.add(threads.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 5_000; i++) {
            ids.add(generator.getNextId());
          }
          return ids;
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> batch : batches) {
        List<String> ids = batch.get();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertThat(ids).as("ids in the order made are in text order").isEqualTo(sorted);
        all.addAll(ids);
      }
      assertThat(all).hasSize(20_000);
      assertThat(all).allSatisfy(id -> {
        assertThat(id).hasSize(36);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
      });
    } finally {
      threads.shutdownNow();
    }
  }
}
