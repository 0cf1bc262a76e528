package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Time-ordered ids (docs/performance.md): unique, increasing, version-7 UUIDs. */
class TimeOrderedIdGeneratorTest {

  private static final int THREADS = 8;
  private static final int IDS_PER_THREAD = 20_000;

  @Test
  void idsFromConcurrentThreadsAreUniqueAndIncreaseWithinEachThread() throws Exception {
    TimeOrderedIdGenerator generator = new TimeOrderedIdGenerator();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> batches = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        batches.add(threads.submit(() -> {
          start.await();
          List<String> ids = new ArrayList<>(IDS_PER_THREAD);
          for (int i = 0; i < IDS_PER_THREAD; i++) {
            ids.add(generator.getNextId());
          }
          return ids;
        }));
      }
      start.countDown();
      Set<String> all = new HashSet<>();
      for (Future<List<String>> batch : batches) {
        List<String> ids = batch.get();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertThat(ids).as("ids in the order made are in text order").isEqualTo(sorted);
        all.addAll(ids);
      }
      assertThat(all).hasSize(THREADS * IDS_PER_THREAD);
      assertThat(all).allSatisfy(id -> {
        assertThat(id).hasSize(36);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
      });
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aClockThatStepsBackIsHeldAtTheLastMillisecond() {
    Iterator<Long> wallClock = List.of(5_000L, 5_000L, 4_000L, 4_999L, 5_001L).iterator();
    TimeOrderedIdGenerator generator = new TimeOrderedIdGenerator(wallClock::next);

    List<String> ids = new ArrayList<>();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = generator.getNextId();
      ids.add(id);
      millis.add(UUID.fromString(id).getMostSignificantBits() >>> 16);
    }

    assertThat(millis).containsExactly(5_000L, 5_000L, 5_000L, 5_000L, 5_001L);
    List<String> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertThat(ids).as("ids in the order made are in text order").isEqualTo(sorted).doesNotHaveDuplicates();
  }
}
