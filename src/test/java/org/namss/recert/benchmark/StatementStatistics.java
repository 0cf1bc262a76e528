package org.namss.recert.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The SQL statements each run executes, from H2's own statement statistics ({@code SET QUERY_STATISTICS TRUE},
 * {@code INFORMATION_SCHEMA.QUERY_STATISTICS}): how many statements per certificant, of which kind, and which
 * ones took the most time. H2 counts every execution, each row of a JDBC batch included, and lists each COMMIT as a
 * statement of its own; its times are wall-clock time in the statement, so they include waiting for a core.
 * Opt-in ({@code -Dbenchmark.statements=true}), since H2's book-keeping of every statement is itself work, and
 * only on H2.
 */
final class StatementStatistics {

  /** One statement text: executions and cumulative milliseconds. */
  record Entry(String sql, long executions, double millis) {}

  private StatementStatistics() {
  }

  /** Whether this run counts statements: {@code -Dbenchmark.statements=true}, and only on H2. */
  static boolean enabled(String database) {
    return Boolean.getBoolean("benchmark.statements") && database.startsWith("h2");
  }

  /** Turns H2's statement statistics on (and with it, empties them). */
  static void start(DataSource dataSource) {
    execute(dataSource, "SET QUERY_STATISTICS_MAX_ENTRIES 20000", "SET QUERY_STATISTICS FALSE",
        "SET QUERY_STATISTICS TRUE");
  }

  static Map<String, Entry> snapshot(DataSource dataSource) {
    Map<String, Entry> entries = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME "
            + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
      while (rs.next()) {
        entries.put(rs.getString(1), new Entry(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read H2's statement statistics", e);
    }
    return entries;
  }

  /** What ran between two snapshots. */
  static List<Entry> between(Map<String, Entry> before, Map<String, Entry> after) {
    List<Entry> ran = new ArrayList<>();
    after.forEach((sql, entry) -> {
      Entry earlier = before.get(sql);
      long executions = entry.executions() - (earlier == null ? 0 : earlier.executions());
      double millis = entry.millis() - (earlier == null ? 0 : earlier.millis());
      if (executions > 0 && !sql.contains("QUERY_STATISTICS") && !sql.startsWith("select count(*) from \"")) {
        ran.add(new Entry(sql, executions, millis));
      }
    });
    ran.sort((a, b) -> Double.compare(b.millis(), a.millis()));
    return ran;
  }

  /** Two windows' statements as one, by statement text, most time first. */
  static List<Entry> plus(List<Entry> one, List<Entry> other) {
    Map<String, Entry> bySql = new HashMap<>();
    for (Entry e : one) {
      bySql.put(e.sql(), e);
    }
    for (Entry e : other) {
      bySql.merge(e.sql(), e, (a, b) -> new Entry(a.sql(), a.executions() + b.executions(), a.millis() + b.millis()));
    }
    List<Entry> sum = new ArrayList<>(bySql.values());
    sum.sort((a, b) -> Double.compare(b.millis(), a.millis()));
    return sum;
  }

  /**
   * Markdown: statements per certificant by kind for both runs, then our top statements by time with the bare
   * run's figures for the same text beside them. Without a warm-up ({@code warm} false) the times are not
   * comparable between the models: the model whose phase runs first on a day pays for the JIT compiling H2's and the
   * engine's code, which made one statement of ours five times as slow as the same statement of the bare model
   * (docs/performance-history.md, "The twentieth session"); the counts are.
   */
  static String render(int n, List<Entry> ours, List<Entry> bare, int top, boolean warm) {
    StringBuilder out = new StringBuilder("SQL statements executed per certificant (H2's statement statistics; "
        + "batched rows counted one by one; 'all' includes the COMMITs; milliseconds on the clock, not CPU):\n\n"
        + (warm ? "" : "**No warm-up ran: the times include the JIT compiling H2's and the engine's code, paid by "
            + "whichever model ran a phase first; compare the counts, and the times only from a run with a warm-up "
            + "(`-Dbenchmark.warmup.rounds=2`).**\n\n")
        + "| kind | ours: statements | ours: ms | bare: statements | bare: ms |\n| --- | --- | --- | --- | --- |\n");
    for (String kind : List.of("select", "insert", "update", "delete", "all")) {
      double[] o = sum(ours, kind);
      double[] b = sum(bare, kind);
      out.append("| ").append(kind).append(" | ").append(SeasonReport.fmt(o[0] / n)).append(" | ")
          .append(SeasonReport.fmt(o[1] / n)).append(" | ").append(SeasonReport.fmt(b[0] / n)).append(" | ")
          .append(SeasonReport.fmt(b[1] / n)).append(" |\n");
    }
    Map<String, Entry> bareBySql = new HashMap<>();
    bare.forEach(e -> bareBySql.put(e.sql(), e));
    out.append("\nOur ").append(top).append(" statements with the most time (per certificant; the bare run's "
        + "figures for the same text):\n\n| statement | ours: executions | ours: ms | bare: executions | bare: ms |\n"
        + "| --- | --- | --- | --- | --- |\n");
    for (Entry e : ours.subList(0, Math.min(top, ours.size()))) {
      Entry b = bareBySql.get(e.sql());
      out.append("| `").append(abbreviate(e.sql())).append("` | ").append(SeasonReport.fmt(e.executions() / (double) n))
          .append(" | ").append(SeasonReport.fmt(e.millis() / n)).append(" | ")
          .append(b == null ? "-" : SeasonReport.fmt(b.executions() / (double) n)).append(" | ")
          .append(b == null ? "-" : SeasonReport.fmt(b.millis() / n)).append(" |\n");
    }
    return out.toString();
  }

  /** Every statement of both runs, tab-separated with its full text, into target/benchmark/, for a closer look. */
  static void writeTsv(String file, int n, List<Entry> ours, List<Entry> bare) {
    StringBuilder out = new StringBuilder("run\texecutions per certificant\tms per certificant\tstatement\n");
    for (Map.Entry<String, List<Entry>> run : Map.of("ours", ours, "bare", bare).entrySet()) {
      run.getValue().forEach(e -> out.append(run.getKey()).append('\t').append(e.executions() / (double) n)
          .append('\t').append(e.millis() / n).append('\t').append(e.sql().replaceAll("\\s+", " ")).append('\n'));
    }
    try {
      Path dir = Files.createDirectories(Path.of("target", "benchmark"));
      Files.writeString(dir.resolve(file), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] sum(List<Entry> entries, String kind) {
    double[] sum = new double[2];
    for (Entry e : entries) {
      if (kind.equals("all") || e.sql().stripLeading().toLowerCase(Locale.ROOT).startsWith(kind)) {
        sum[0] += e.executions();
        sum[1] += e.millis();
      }
    }
    return sum;
  }

  private static String abbreviate(String sql) {
    String flat = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").trim();
    return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
  }

  private static void execute(DataSource dataSource, String... sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set H2's statement statistics", e);
    }
  }
}
