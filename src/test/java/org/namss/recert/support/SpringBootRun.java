package org.namss.recert.support;

import java.util.List;

/**
 * The JVM options {@code ./mvnw spring-boot:run} (the README's start) gives the application: the plugin's
 * {@code optimizedLaunch}, and the code cache size and the collector set in pom.xml. Tests and benchmarks that start
 * the application in a JVM of their own use them, so that they run it as users do ({@code SpringBootRunTest} keeps
 * them in step with pom.xml).
 */
public final class SpringBootRun {

  /** What the plugin adds for a faster start: C1 only, which also shrinks the code cache to 48 MB. */
  public static final String OPTIMIZED_LAUNCH = "-XX:TieredStopAtLevel=1";

  /** pom.xml's {@code jvmArguments}: the JVM's usual code cache, which the application needs under load. */
  public static final String CODE_CACHE = "-XX:ReservedCodeCacheSize=240m";

  /**
   * pom.xml's {@code jvmArguments}: the parallel (throughput) collector, which docs/operations.md recommends for the
   * embedded H2 on a small server.
   */
  public static final String PARALLEL_GC = "-XX:+UseParallelGC";

  public static final List<String> JVM_OPTIONS = List.of(OPTIMIZED_LAUNCH, CODE_CACHE, PARALLEL_GC);

  private SpringBootRun() {}
}
