package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The start-up check of PostgreSQL's autovacuum ({@link DatabaseMaintenance}); on H2 here, where it has nothing to say,
 * and on PostgreSQL in {@link DatabaseMaintenancePostgresTest}, where it warns exactly when the server's own
 * {@code SHOW autovacuum} answers off. Both branches on any server: {@link DatabaseMaintenanceUnitTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseMaintenanceTest extends ApplicationTest {

  static final String WARNING = "PostgreSQL's autovacuum is off on this server";

  @Autowired DataSource dataSource;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void warnsExactlyWhenThePostgresServersAutovacuumIsOff(CapturedOutput output) {
    boolean off = isPostgres() && "off".equals(new JdbcTemplate(dataSource).queryForObject("show autovacuum",
        String.class));

    // as at start: through the event the check listens to, so that its wiring is tested too
    context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

    assertThat(DatabaseMaintenance.autovacuumOff(dataSource)).isEqualTo(off);
    if (off) {
      assertThat(output.getOut()).contains(WARNING).contains("docs/operations.md");
    } else {
      assertThat(output.getOut()).doesNotContain(WARNING);
    }
  }

  boolean isPostgres() {
    return false;
  }
}
