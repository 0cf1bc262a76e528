package org.namss.recert.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent in one measured run, by thread group: where a model's season spends the machine's two cores. Sums
 * the CPU time of every Java thread alive during the run (sampled every 200 ms, so that threads that end within the
 * run, such as the job executor's extra pool threads, count up to their last sample) and the process's CPU time;
 * the difference is the JVM's own threads (garbage collection, the JIT compilers), which Java does not list, plus
 * what a thread used in the last 200 ms before it ended. On Linux the JVM's own threads are read from
 * {@code /proc/self/task} at the same samples and listed by kind (the collector's workers, G1's concurrent marking
 * and refinement, the JIT's compilers, the VM thread), so that the report says which of them the CPU went to. The
 * collectors' and the JIT's own time counters are reported beside it.
 */
final class CpuAccount implements AutoCloseable {

  /** The one row that adds up the groups under 0.05 s each, so that the table stays short and no CPU goes missing. */
  private static final String SMALL_GROUPS = "other threads, under 0.05 s each";

  /** The prefix of the rows of the JVM's own threads ({@link #nativeGroup}). */
  private static final String JVM = "JVM: ";

  /**
   * CPU seconds by thread group, threads seen by group, the process's CPU seconds, the run's wall seconds, the
   * collectors' pause time as the JVM reports it (wall seconds, not CPU) and the JIT's compile time.
   */
  record Figures(Map<String, Double> byGroup, Map<String, Integer> threadsSeen, double process, double wall,
      double gcPauses, double compiling) {

    /**
     * Two windows' figures as one (the phases of a model run interleaved with the other's): times added; threads seen
     * per group is the larger of the two counts, since the pools' threads recur in every window (threads started
     * anew in each window, such as Awaitility's, are then counted once).
     */
    Figures plus(Figures other) {
      Map<String, Double> groups = new TreeMap<>(byGroup);
      other.byGroup.forEach((group, cpu) -> groups.merge(group, cpu, Double::sum));
      Map<String, Integer> seen = new TreeMap<>(threadsSeen);
      other.threadsSeen.forEach((group, count) -> seen.merge(group, count, Math::max));
      return new Figures(groups, seen, process + other.process, wall + other.wall, gcPauses + other.gcPauses,
          compiling + other.compiling);
    }

    String render(String model, int n) {
      double threads = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "%s: wall %.1f s, process CPU %.1f s (%.2f cores busy on average), %.1f ms CPU per certificant;"
              + " garbage collection %.1f s (collectors' time), JIT compiling %.1f s%n",
          model, wall, process, process / wall, process * 1000 / n, gcPauses, compiling));
      out.append("\n| threads | seen | CPU | per certificant | share |\n| --- | --- | --- | --- | --- |\n");
      Map<String, Double> rows = new LinkedHashMap<>();
      Map<String, Integer> seen = new TreeMap<>();
      byGroup.forEach((group, cpu) -> {
        String row = cpu < 0.05 ? SMALL_GROUPS : group;
        rows.merge(row, cpu, Double::sum);
        seen.merge(row, threadsSeen.getOrDefault(group, 0), Integer::sum);
      });
      rows.put(byGroup.keySet().stream().anyMatch(group -> group.startsWith(JVM))
          ? JVM + "other (process minus the threads listed: threads that ended between samples)"
          : "JVM (GC, JIT; process minus Java threads)", Math.max(0, process - threads));
      rows.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.1f ms | %.0f %% |%n",
              e.getKey(), seen.containsKey(e.getKey()) ? String.valueOf(seen.get(e.getKey())) : "-",
              e.getValue(), e.getValue() * 1000 / n, 100 * e.getValue() / process)));
      return out.toString();
    }
  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, Long> startCpu = new HashMap<>();
  private final Map<Long, Long> lastCpu = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  /** The JVM's own threads by their Linux task id: CPU at the first sample, at the last, and their names. */
  private final Map<String, Long> nativeStart = new HashMap<>();
  private final Map<String, Long> nativeLast = new HashMap<>();
  private final Map<String, String> nativeNames = new HashMap<>();
  private final long startProcess;
  private final long startGc = gcMillis();
  private final long startCompiling = compilingMillis();
  private final long startWall = System.nanoTime();
  private final Thread sampler;
  private volatile boolean running = true;

  CpuAccount() {
    threads.setThreadCpuTimeEnabled(true);
    startProcess = os.getProcessCpuTime();
    sample(true);
    sampler = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(200); // sampling period of the monitor thread, not a wait in a test
        } catch (InterruptedException e) {
          return;
        }
        sample(false);
      }
    }, "cpu-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private synchronized void sample(boolean first) {
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu < 0) {
        continue;
      }
      if (!names.containsKey(id)) {
        ThreadInfo info = threads.getThreadInfo(id);
        if (info == null) {
          continue;
        }
        names.put(id, info.getThreadName());
        // a thread that starts within the run counts from zero
        startCpu.put(id, first ? cpu : 0L);
      }
      lastCpu.put(id, cpu);
    }
    sampleNative(first);
  }

  /**
   * The CPU of the JVM's own threads (those {@link #nativeGroup} names), from {@code /proc/self/task/<tid>/stat}:
   * user and system time in clock ticks (fields 14 and 15, 1/100 s on Linux). Nothing where there is no /proc.
   */
  private void sampleNative(boolean first) {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return;
    }
    for (java.io.File task : tasks) {
      try {
        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
        // "tid (comm) state ...": the name may hold spaces and parentheses, the fields follow the last ')'
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        if (nativeGroup(name) == null) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        String tid = task.getName();
        if (!nativeNames.containsKey(tid)) {
          nativeNames.put(tid, name);
          nativeStart.put(tid, first ? ticks : 0L);
        }
        nativeLast.put(tid, ticks);
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended between listing and reading: its last sample counts
      }
    }
  }

  /** The kind of one of the JVM's own threads, by the name HotSpot gives it; null for any other thread. */
  static String nativeGroup(String name) {
    if (name.startsWith("GC Thread")) {
      return JVM + "collector's workers (pauses)";
    }
    if (name.startsWith("G1 Conc") || name.startsWith("G1 Main") || name.startsWith("G1 Service")) {
      return JVM + "G1 concurrent marking";
    }
    if (name.startsWith("G1 Refine")) {
      return JVM + "G1 refinement";
    }
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return JVM + "JIT compilers";
    }
    if (name.startsWith("VM Thread") || name.startsWith("VM Periodic")) {
      return JVM + "VM thread";
    }
    return null;
  }

  /** Stops sampling and returns the run's figures. */
  Figures stop() {
    running = false;
    sampler.interrupt();
    sample(false);
    double process = (os.getProcessCpuTime() - startProcess) / 1e9;
    double wall = (System.nanoTime() - startWall) / 1e9;
    Map<String, Double> byGroup = new TreeMap<>();
    Map<String, Integer> seen = new TreeMap<>();
    synchronized (this) {
      lastCpu.forEach((id, cpu) -> {
        String group = group(names.get(id));
        byGroup.merge(group, (cpu - startCpu.get(id)) / 1e9, Double::sum);
        seen.merge(group, 1, Integer::sum);
      });
      nativeLast.forEach((tid, ticks) -> {
        String group = nativeGroup(nativeNames.get(tid));
        byGroup.merge(group, (ticks - nativeStart.get(tid)) / 100.0, Double::sum);
        seen.merge(group, 1, Integer::sum);
      });
    }
    return new Figures(byGroup, seen, process, wall, (gcMillis() - startGc) / 1e3,
        (compilingMillis() - startCompiling) / 1e3);
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  /** The JIT's compile time so far: the compiler threads' elapsed compile time added up (0 if not supported). */
  static long compilingMillis() {
    var compilation = ManagementFactory.getCompilationMXBean();
    return compilation != null && compilation.isCompilationTimeMonitoringSupported()
        ? compilation.getTotalCompilationTime() : 0;
  }

  /** The group a thread belongs to, by the name its pool gives it. */
  static String group(String name) {
    if (name.startsWith("camundaTaskExecutor") || name.startsWith("JobExecutor")) {
      return "job executor";
    }
    if (name.equals("main")) {
      return "driver (the season's users and staff)";
    }
    if (name.startsWith("H2") || name.startsWith("MVStore")) {
      return "H2's own threads";
    }
    if (name.startsWith("http-nio")) {
      return "Tomcat (HTTP submissions)";
    }
    if (name.startsWith("qtp") || name.contains("WireMock") || name.contains("Jetty")) {
      return "WireMock (Credly)";
    }
    if (name.toLowerCase(Locale.ROOT).contains("smtp") || name.contains("greenmail")) {
      return "GreenMail (SMTP server)";
    }
    if (name.startsWith("awaitility")) {
      return "Awaitility (the driver's waits)";
    }
    return "other: " + name.replaceAll("[-#]?\\d+$", "");
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
