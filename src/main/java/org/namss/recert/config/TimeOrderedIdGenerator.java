package org.namss.recert.config;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;

/**
 * The engine's ids (process instances, executions, jobs, tasks, variables, history rows) as time-ordered UUIDs,
 * RFC 9562 version 7: a millisecond timestamp first, then random bits (JUG's generator counts up from them within
 * a millisecond).
 *
 * <p>Like the starter's default ({@code StrongUuidGenerator}, version 1 UUIDs) they need no database round trip and
 * no coordination between cluster nodes. Unlike version 1, whose text begins with the fast-changing low bits of
 * the time, they sort in the order they were made: every new row of the engine's tables and of their indexes on
 * these ids lands at the end of its B-tree instead of on a random page, so a commit touches (and H2 or PostgreSQL
 * writes) a few hot pages instead of one page per row and index. Measured in docs/performance.md.
 *
 * <p>Each id is greater than the one before it on this node, whichever thread asks. JUG alone does not promise that:
 * its generator reads the clock before taking its lock, so a thread that read the previous millisecond can come
 * second and start that millisecond over with new random bits, below ids already handed out (it happened to the
 * concurrency test in CI). Here the clock is read under the same lock as the counter, and a clock that steps back
 * (NTP) is held at the last millisecond used. Handing out an id takes well under a microsecond, so the lock is no
 * bottleneck for the job executor's few threads.
 *
 * <p>Ids stay 36-character strings, so the schema, existing ids and the REST API are unchanged; old (version 1)
 * and new ids live side by side.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {

  private final TimeBasedEpochGenerator uuids;

  public TimeOrderedIdGenerator() {
    this(System::currentTimeMillis);
  }

  /** With the given wall clock (milliseconds since the epoch); for tests of a clock that steps back. */
  TimeOrderedIdGenerator(LongSupplier wallClock) {
    // null: JUG's shared SecureRandom for the random bits
    this.uuids = Generators.timeBasedEpochGenerator(null, new NeverBackwards(wallClock));
  }

  @Override
  public synchronized String getNextId() {
    return uuids.generate().toString();
  }

  /** The wall clock, held at the last value returned while it steps back. Only called under the generator's lock. */
  private static final class NeverBackwards extends UUIDClock {

    private final LongSupplier wallClock;
    private long last;

    NeverBackwards(LongSupplier wallClock) {
      this.wallClock = wallClock;
    }

    @Override
    public long currentTimeMillis() {
      last = Math.max(last, wallClock.getAsLong());
      return last;
    }
  }
}
