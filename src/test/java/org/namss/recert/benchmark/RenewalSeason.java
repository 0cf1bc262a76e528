package org.namss.recert.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.task.Task;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.calendar.RenewalCalendarService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.extension.ExtensionService;
import org.namss.recert.renewal.CardPayments;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.support.Fixtures;
import org.springframework.context.ApplicationContext;

/**
 * A whole renewal season on the real application: the yearly calendar opens one renewal per certificant on
 * 1 August (R1a) in batches, then the engine clock moves through the year while certificants submit (API), pay
 * (card API or check task, R15), staff complete reviews and audits through the task API (R16, R20), the 1 January
 * timers lapse those who did nothing (R25), some are reinstated (R26) and the rest expire on 1 July (R27).
 * The job executor runs all the while; after each move the driver waits until no job is due any more.
 */
public final class RenewalSeason implements Season {

  /** The mix of the issue: per 100 certificants. */
  public enum Scenario {
    ON_TIME(70), LATE(10), LATE_EARLY_CHECK(5), EXTENSION(8), LAPSE_REINSTATE(4), LAPSE_EXPIRE(3);

    final int perHundred;

    Scenario(int perHundred) {
      this.perHundred = perHundred;
    }

    static Scenario of(int index) {
      int slot = index % 100;
      int upTo = 0;
      for (Scenario s : values()) {
        upTo += s.perHundred;
        if (slot < upTo) {
          return s;
        }
      }
      throw new IllegalStateException();
    }
  }

  public record Member(Certificant certificant, Scenario scenario) {}

  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final String BADGES = "/v1/organizations/org-42/badges";
  /** The processes a season runs, whose tasks its staff complete and whose jobs count as its own. */
  static final String[] PROCESSES = {"RecertificationProcess", "ExtensionProcess", "RenewalCalendarProcess"};

  private final int year;
  private final ProcessEngine engine;
  private final Fixtures fixtures;
  private final RenewalService renewals;
  private final RenewalCalendarService calendar;
  private final ExtensionService extensions;
  private final CardPayments cardPayments;
  private final BillingService billing;
  private final GreenMail smtp;
  private final WireMockServer credly;
  private final int httpPort;
  private final String adminAuth;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final List<Member> members = new ArrayList<>();
  /** Phase name -> wall time in ms, in the order run. */
  private final Map<String, Long> phaseMillis = new java.util.LinkedHashMap<>();
  public final List<Long> httpSubmitNanos = new ArrayList<>();
  public final List<Long> serviceSubmitNanos = new ArrayList<>();
  /**
   * Certificant numbers Credly was asked to issue a badge for during the season, taken from each request as it
   * arrives ({@link BadgeRequests}): WireMock's request journal, which kept every request of the season until the end,
   * is cleared after each phase, as at 50,000 it held some 100,000 requests and the end check ran out of heap.
   */
  public final Set<String> badgeEarners = ConcurrentHashMap.newKeySet();
  /** E-mails received by GreenMail per recipient, counted as they arrive (see {@link MailCounter}). */
  public final Map<String, Integer> mailsPerRecipient = new ConcurrentHashMap<>();
  private final LongAdder mailsReceived = new LongAdder();
  public long setupMillis;
  /** GreenMail's own delivery handler while this season counts the mail instead ({@link #begin()}). */
  private MessageDeliveryHandler filing;
  private final int httpEvery;

  public RenewalSeason(ApplicationContext context, int year, int httpPort, String adminUser, String adminPassword,
      GreenMail smtp, WireMockServer credly, int httpEvery) {
    this.year = year;
    this.engine = context.getBean(ProcessEngine.class);
    this.fixtures = context.getBean(Fixtures.class);
    this.renewals = context.getBean(RenewalService.class);
    this.calendar = context.getBean(RenewalCalendarService.class);
    this.extensions = context.getBean(ExtensionService.class);
    this.cardPayments = context.getBean(CardPayments.class);
    this.billing = context.getBean(BillingService.class);
    this.smtp = smtp;
    this.credly = credly;
    this.httpPort = httpPort;
    this.adminAuth = "Basic " + Base64.getEncoder()
        .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    this.httpEvery = httpEvery;
  }

  /**
   * N certificants due in the renewal year, each with 30 credits with certificates (R5, R10). Not timed in the
   * season.
   */
  public void setUp(int n) {
    credly.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\",\"state\":\"pending\"}}")
        .withStatus(201)));
    credly.stubFor(any(urlPathMatching(BADGES + "/.+")).willReturn(okJson("{\"data\":{\"id\":\"badge-1\","
        + "\"state\":\"revoked\"}}")));
    // BadgeService looks for an existing badge before it issues one: Credly has none yet
    credly.stubFor(get(urlPathEqualTo(BADGES)).willReturn(okJson("{\"data\":[]}")));
    setClock(LocalDate.of(year, 7, 1).atTime(9, 0));
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Certificant c = fixtures.cpcs("Cert" + i, "Season", year);
      fixtures.enoughForSingle(c, year);
      members.add(new Member(c, Scenario.of(i)));
    }
    setupMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /** The e-mails and badge requests of this season are counted from here on (see {@link MailCounter}). */
  @Override
  public void begin() {
    UserManager users = smtp.getUserManager();
    filing = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler(new MailCounter(users));
    BadgeRequests.recordInto(credly, badgeEarners);
  }

  @Override
  public void end() {
    if (filing != null) {
      smtp.getUserManager().setMessageDeliveryHandler(filing);
      filing = null;
    }
    BadgeRequests.recordInto(credly, null);
  }

  @Override
  public Map<String, Long> phaseMillis() {
    return phaseMillis;
  }

  @Override
  public List<SeasonPhase> phases() {
    return List.of(
        new SeasonPhase("start the year's calendar (15 Jul)", LocalDate.of(year, 7, 15),
            () -> calendar.startYear(year)),
        new SeasonPhase("open the cycle (1 Aug, batches)", LocalDate.of(year, 8, 1), () -> { }),
        new SeasonPhase("submit on time, request extensions (1 Nov)", LocalDate.of(year, 11, 1), () -> {
          int k = 0;
          for (Member m : members) {
            if (m.scenario == Scenario.ON_TIME) {
              submit(m, k++ % httpEvery == 0);
            } else if (m.scenario == Scenario.EXTENSION) {
              extensions.request(m.certificant);
            }
          }
        }),
        new SeasonPhase("pay by card, audit extensions (2 Nov)", LocalDate.of(year, 11, 2), () -> {
          pay(Scenario.ON_TIME);
          pay(Scenario.EXTENSION, FeePurpose.EXTENSION); // R20, R22: paid with the request, before the grant
          completeTasks("UserTask_AuditExtension", Map.of("auditOutcome", "APPROVE"));
        }),
        new SeasonPhase("review on-time applications (5 Nov)", LocalDate.of(year, 11, 5),
            this::approveReviews),
        new SeasonPhase("submit late (10 Dec)", LocalDate.of(year, 12, 10), () -> {
          int k = 0;
          for (Member m : members) {
            if (m.scenario == Scenario.LATE || m.scenario == Scenario.LATE_EARLY_CHECK) {
              submit(m, k++ % httpEvery == 0);
            }
          }
        }),
        new SeasonPhase("pay late: card, or check dated 28 Nov (11 Dec)", LocalDate.of(year, 12, 11), () -> {
          pay(Scenario.LATE);
          for (Member m : of(Scenario.LATE_EARLY_CHECK)) {
            Task task = task(m, "UserTask_RecordCheckPayment");
            engine.getTaskService().complete(task.getId(), Map.of("checkNumber", "10" + m.certificant.getId(),
                "checkDate", LocalDate.of(year, 11, 28).toString(), "checkAmount", "175.00",
                "checkPayer", m.certificant.fullName()));
          }
        }),
        new SeasonPhase("review late applications (14 Dec)", LocalDate.of(year, 12, 14),
            this::approveReviews),
        new SeasonPhase("lapse sweep (1 Jan, timers)", LocalDate.of(year + 1, 1, 1), () -> { }),
        new SeasonPhase("submit reinstatements (1 Feb)", LocalDate.of(year + 1, 2, 1), () -> {
          for (Member m : of(Scenario.LAPSE_REINSTATE)) {
            submit(m, false);
          }
        }),
        new SeasonPhase("pay reinstatements (2 Feb)", LocalDate.of(year + 1, 2, 2),
            () -> pay(Scenario.LAPSE_REINSTATE)),
        new SeasonPhase("review reinstatements (5 Feb)", LocalDate.of(year + 1, 2, 5), this::approveReviews),
        new SeasonPhase("submit extended applications (1 Mar)", LocalDate.of(year + 1, 3, 1), () -> {
          for (Member m : of(Scenario.EXTENSION)) {
            submit(m, false);
          }
        }),
        new SeasonPhase("place extended invoices (2 Mar)", LocalDate.of(year + 1, 3, 2),
            () -> completeTasks("UserTask_PlaceRecertificationInvoice", Map.of("invoiceConfirmed", true))),
        new SeasonPhase("pay extended invoices (3 Mar)", LocalDate.of(year + 1, 3, 3),
            () -> pay(Scenario.EXTENSION)),
        new SeasonPhase("review extended applications (6 Mar)", LocalDate.of(year + 1, 3, 6),
            this::approveReviews),
        new SeasonPhase("expiry (1 Jul, timers)", LocalDate.of(year + 1, 7, 1), () -> { }));
  }

  public List<Member> of(Scenario scenario) {
    return members.stream().filter(m -> m.scenario == scenario).toList();
  }

  @Override
  public void runPhase(SeasonPhase phase) {
    phaseMillis.put(phase.name(), phase.run(engine, members.size()));
    // the badge requests are in badgeEarners; a journal (the smoke test's) would keep them all (the benchmark's
    // stand-in keeps none, TestServers.CREDLY_JOURNAL)
    credly.resetRequests();
    progress("[season] " + phase.name() + ": " + phaseMillis.get(phase.name()) + " ms");
  }

  /**
   * Prints a line and appends it, with the time of day, to target/benchmark/progress.log: surefire keeps a forked
   * JVM's output until the class ends, and a season of 50,000 runs for more than an hour.
   */
  static void progress(String line) {
    System.out.println(line);
    try {
      Path log = Path.of("target", "benchmark", "progress.log");
      Files.createDirectories(log.getParent());
      Files.writeString(log, LocalDateTime.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** E-mails GreenMail received during the season (one recipient each). */
  public long mailsReceived() {
    return mailsReceived.sum();
  }

  private void submit(Member m, boolean overHttp) {
    long start = System.nanoTime();
    if (overHttp) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/certificants/"
              + m.certificant.getNumber() + "/applications"))
          .header("Authorization", adminAuth).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"renewalYear\":" + year + "}")).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
          throw new IllegalStateException("Submission of " + m.certificant.getNumber() + " answered "
              + response.statusCode() + ": " + response.body());
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      httpSubmitNanos.add(System.nanoTime() - start);
    } else {
      renewals.submit(m.certificant, year);
      serviceSubmitNanos.add(System.nanoTime() - start);
    }
  }

  private void pay(Scenario scenario) {
    pay(scenario, FeePurpose.RECERTIFICATION);
  }

  /** The certificants of a scenario pay their open invoice of that purpose by card, as the provider confirms it. */
  private void pay(Scenario scenario, FeePurpose purpose) {
    for (Member m : of(scenario)) {
      List<Invoice> invoices = billing.invoicesOf(m.certificant.getId());
      Invoice open = invoices.stream().filter(i -> i.getStatus() == InvoiceStatus.OPEN && i.getPurpose() == purpose)
          .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("No open " + purpose + " invoice for "
              + m.certificant.getNumber() + ": " + invoices.stream().map(i -> i.getInvoiceNumber() + " "
              + i.getStatus()).toList()));
      cardPayments.confirm(m.certificant, open.getInvoiceNumber(), open.getTotal(), "ch_" + open.getId(),
          "benchmark");
    }
  }

  private void approveReviews() {
    completeTasks("UserTask_ReviewApplication", Map.of("reviewOutcome", "APPROVE"));
  }

  private void completeTasks(String taskDefinitionKey, Map<String, Object> variables) {
    while (true) {
      // our processes' tasks only: the bare model's tasks have the same keys, and may be open beside ours
      List<Task> tasks = engine.getTaskService().createTaskQuery().processDefinitionKeyIn(PROCESSES)
          .taskDefinitionKey(taskDefinitionKey).orderByTaskId().asc().listPage(0, 500);
      if (tasks.isEmpty()) {
        return;
      }
      for (Task task : tasks) {
        engine.getTaskService().complete(task.getId(), variables);
      }
    }
  }

  private Task task(Member m, String key) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(
        m.certificant.getNumber() + "-" + year).taskDefinitionKey(key).list();
    if (tasks.size() != 1) {
      throw new IllegalStateException(m.certificant.getNumber() + " has " + tasks.size() + " tasks " + key);
    }
    return tasks.get(0);
  }

  /**
   * Waits until the job executor has run every job of the engine that is due at its current time (suspended jobs,
   * which it never runs, left aside), for at least 900 s or one second per instance of the season.
   */
  static void drain(ProcessEngine engine, int instances) {
    Awaitility.await().atMost(Math.max(900, instances), TimeUnit.SECONDS)
        .pollDelay(20, TimeUnit.MILLISECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
        // a running job stays in the table until its commit, which also holds the jobs it created: one count suffices
        .until(() -> dueBeforeNextMillisecond(engine) == 0 && executable(engine) == 0);
  }

  /**
   * The jobs due at the engine's time that the job executor would run, counted through the index on the due date.
   * Every job has a due date here (ensureJobDueDateNotNull, config/JobAcquisitionByDueDate), so those due before the
   * next millisecond are all of them. The engine's {@code executable()} condition
   * ({@code DUEDATE_ is null or DUEDATE_ <= now}) cannot use the index, and counting with it alone read every
   * renewal's timers 20 times a second, which at 50,000 certificants kept the driver busy; {@link #executable}
   * confirms the end once.
   */
  private static long dueBeforeNextMillisecond(ProcessEngine engine) {
    return runnable(engine).duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).count();
  }

  /** The same jobs by the engine's own condition, which also counts any job without a due date. */
  private static long executable(ProcessEngine engine) {
    return runnable(engine).executable().count();
  }

  private static JobQuery runnable(ProcessEngine engine) {
    return engine.getManagementService().createJobQuery().active().withRetriesLeft();
  }

  /**
   * Records the earner of each badge request Credly's test double receives into the running season's set. One listener
   * per server (WireMock has no way to remove one), pointing at the current season's set or at none.
   */
  static final class BadgeRequests {
    private static final Pattern EARNER =
        Pattern.compile("\"issuer_earner_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Set<WireMockServer> LISTENING =
        Collections.newSetFromMap(new IdentityHashMap<>());
    private static final AtomicReference<Set<String>> CURRENT =
        new AtomicReference<>();

    static synchronized void recordInto(WireMockServer server, Set<String> earners) {
      CURRENT.set(earners);
      if (earners != null && LISTENING.add(server)) {
        server.addMockServiceRequestListener((request, response) -> {
          Set<String> target = CURRENT.get();
          if (target != null && "POST".equals(request.getMethod().getName()) && BADGES.equals(request.getUrl())) {
            Matcher m = EARNER.matcher(request.getBodyAsString());
            if (m.find()) {
              target.add(m.group(1));
            }
          }
        });
      }
    }
  }

  /**
   * Counts each message GreenMail receives by recipient and keeps none of them. GreenMail keeps every message in
   * the heap until it is purged; counting and purging after each phase left a phase's messages in memory, and at
   * 50,000 certificants the opening's 50,000 "application open" messages alone filled -Xmx512m (the JVM then spent
   * its time in full collections, 527 s of them in one run). The SMTP conversation is unchanged: GreenMail receives
   * and parses each message as before and only does not file it.
   */
  private final class MailCounter implements MessageDeliveryHandler {

    private final GreenMailUser sink;

    MailCounter(UserManager users) {
      sink = new UserImpl("sink@benchmark.test", "sink", "", users.getImapHostManager()) {
        @Override
        public void deliver(MovingMessage message) {
          // counted in handle
        }

        @Override
        public void deliver(MimeMessage message) {
          // counted in handle
        }
      };
    }

    @Override
    public GreenMailUser handle(MovingMessage message, MailAddress recipient) {
      mailsPerRecipient.merge(recipient.getEmail().toLowerCase(), 1, Integer::sum);
      mailsReceived.increment();
      return sink;
    }
  }

  static void setClock(LocalDateTime local) {
    ClockUtil.setCurrentTime(Date.from(local.atZone(ZONE).toInstant()));
  }

  public Map<Scenario, Integer> counts() {
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    members.forEach(m -> counts.merge(m.scenario, 1, Integer::sum));
    return counts;
  }

  static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }
}
