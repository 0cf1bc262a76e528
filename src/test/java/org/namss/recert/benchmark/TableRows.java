package org.namss.recert.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Row counts of every table in the application's schema (the engine's and the domain's), so that the benchmark can
 * show which tables a season fills: the rows left after a phase, per certificant. Rows inserted and deleted within
 * the season (runtime executions, jobs) do not show; history and domain rows do.
 */
final class TableRows {

  private TableRows() {
  }

  static Map<String, Long> count(DataSource dataSource) {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String table : tables) {
          try (ResultSet rs = statement.executeQuery("select count(*) from \"" + table + "\"")) {
            rs.next();
            rows.put(table.toLowerCase(Locale.ROOT), rs.getLong(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count the rows of the schema's tables", e);
    }
    return rows;
  }

  /**
   * A markdown table of the rows each run added per certificant, largest first, for the tables that grew by at
   * least 0.05 rows per certificant in either run; the bare column shows "-" when the bare model did not run
   * (both bare maps null).
   */
  static String growth(int n, Map<String, Long> oursBefore, Map<String, Long> oursAfter,
      Map<String, Long> bareBefore, Map<String, Long> bareAfter) {
    boolean bareRan = bareAfter != null;
    if (!bareRan) {
      bareBefore = Map.of();
      bareAfter = Map.of();
    }
    record Grown(String table, double ours, double bare) {}
    List<Grown> grown = new ArrayList<>();
    double totalOurs = 0;
    double totalBare = 0;
    java.util.Set<String> tables = new java.util.TreeSet<>(oursAfter.keySet());
    tables.addAll(bareAfter.keySet());
    for (String table : tables) {
      double ours = (oursAfter.getOrDefault(table, 0L) - oursBefore.getOrDefault(table, 0L)) / (double) n;
      double bare = (bareAfter.getOrDefault(table, 0L) - bareBefore.getOrDefault(table, 0L)) / (double) n;
      totalOurs += ours;
      totalBare += bare;
      if (Math.abs(ours) >= 0.05 || Math.abs(bare) >= 0.05) {
        grown.add(new Grown(table, ours, bare));
      }
    }
    grown.sort((a, b) -> Double.compare(b.ours() + b.bare(), a.ours() + a.bare()));
    StringBuilder out = new StringBuilder("Rows left in the database per certificant (after each run minus "
        + "before it):\n\n| table | ours | bare |\n| --- | --- | --- |\n");
    for (Grown g : grown) {
      out.append("| ").append(g.table()).append(" | ").append(SeasonReport.fmt(g.ours())).append(" | ")
          .append(bareRan ? SeasonReport.fmt(g.bare()) : "-").append(" |\n");
    }
    out.append("| **all tables** | ").append(SeasonReport.fmt(totalOurs)).append(" | ")
        .append(bareRan ? SeasonReport.fmt(totalBare) : "-").append(" |\n");
    return out.toString();
  }
}
