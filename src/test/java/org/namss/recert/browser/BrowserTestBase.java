package org.namss.recert.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;
import org.namss.recert.support.ApplicationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that drive Camunda's Tasklist and Cockpit in a real headless Chromium against the whole
 * application on its random port. Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, never
 * a downloaded browser or driver (Selenium Manager stays off). The tests run when both exist; with
 * {@code RECERT_REQUIRE_BROWSER=true} (CI) they run anyway and fail when the browser is missing.
 *
 * <p>Every test leaves {@code target/screenshots/<class>-<test>.png} and {@code .html} (the page as rendered),
 * also when it fails.
 */
@EnabledIf("org.namss.recert.browser.BrowserTestBase#browserAvailable")
abstract class BrowserTestBase extends ApplicationTest {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort
  int port;

  WebDriver driver;
  WebDriverWait wait;
  private Path userDataDir;

  static boolean browserAvailable() {
    return "true".equalsIgnoreCase(System.getenv("RECERT_REQUIRE_BROWSER"))
        || (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute());
  }

  @BeforeEach
  void startBrowser() throws IOException {
    assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium)").canRead();
    assertThat(new File(CHROMEDRIVER)).as("Debian's chromedriver (apt-get install chromium-driver)").canRead();
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    userDataDir = Files.createTempDirectory("recert-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
    logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1800", "--lang=en-US", "--user-data-dir=" + userDataDir);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    // a headless tab is never the focused window: without this, focus() and blur() do nothing and the forms'
    // fields never see a user leave them
    chrome.executeCdpCommand("Emulation.setFocusEmulationEnabled", java.util.Map.of("enabled", true));
    driver = chrome;
    wait = new WebDriverWait(driver, WAIT);
  }

  @AfterEach
  void stopBrowser(TestInfo test) throws IOException {
    if (driver == null) {
      return;
    }
    try {
      String name = getClass().getSimpleName() + "-" + test.getTestMethod().map(m -> m.getName()).orElse("test");
      Files.createDirectories(SCREENSHOTS);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
      Object requests = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
          + ".map(e => Math.round(e.startTime) + ' ' + e.initiatorType + ' ' + e.responseStatus + ' ' + e.name)"
          + ".join('\\n')");
      StringBuilder console = new StringBuilder(String.valueOf(requests)).append("\n--- console\n");
      driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
          .forEach(entry -> console.append(entry).append('\n'));
      Files.writeString(SCREENSHOTS.resolve(name + ".log"), console, StandardCharsets.UTF_8);
    } finally {
      driver.quit();
      driver = null;
      deleteTree(userDataDir);
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** A user of the given groups, with a password of its own, made as staff would in Camunda Admin. */
  String createUser(String prefix, String password, String... groups) {
    IdentityService identity = engine.getIdentityService();
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setFirstName(prefix.substring(0, 1).toUpperCase() + prefix.substring(1));
    user.setLastName("Tester");
    user.setEmail(id + "@namss.example.org");
    user.setPassword(password);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  /**
   * Opens a webapp ({@code tasklist}, {@code cockpit}) and signs in through its login form. The webapps' plugin
   * servlet starts on its first request, which can outlast RequireJS's load timeout on a busy machine: it is
   * requested once before the browser comes, and the page is loaded once more if it still did not boot.
   */
  void login(String app, String userId, String password) throws Exception {
    warmUp(app);
    By usernameField = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    driver.get(url("/camunda/app/" + app + "/default/"));
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(ExpectedConditions.visibilityOfElementLocated(usernameField));
    } catch (org.openqa.selenium.TimeoutException e) {
      driver.navigate().refresh();
      wait.until(ExpectedConditions.visibilityOfElementLocated(usernameField));
    }
    WebElement form = driver.findElement(By.cssSelector("form[name='signinForm']"));
    fill(form.findElement(By.cssSelector("input[ng-model='username']")), userId);
    fill(form.findElement(By.cssSelector("input[ng-model='password']")), password);
    click(form.findElement(By.cssSelector("button[type='submit']")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
    // signed in: the webapp left its login route
    wait.until(d -> !d.getCurrentUrl().contains("#/login"));
  }

  private void warmUp(String app) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<Void> plugin = http.send(HttpRequest.newBuilder(URI.create(
            url("/camunda/api/" + app + "/plugin/" + app + "Plugins/static/app/plugin.js"))).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(plugin.statusCode()).as("the %s plugin script is served without a login", app).isEqualTo(200);
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement clickable(By by) {
    return wait.until(ExpectedConditions.elementToBeClickable(by));
  }

  /**
   * Finds and clicks the element in one step, again if the page re-rendered it in between (AngularJS lists are
   * redrawn while their data loads, which left a found element stale). Clicks as {@link #click(WebElement)} does.
   */
  void click(By by) {
    wait.until(d -> {
      try {
        WebElement element = d.findElement(by);
        if (!element.isDisplayed() || !element.isEnabled()) {
          return false;
        }
        scriptClick(element);
        return true;
      } catch (StaleElementReferenceException redrawn) {
        return false;
      }
    });
  }

  /**
   * Selects a tab of a Cockpit view by its title and waits until it is the selected one (its {@code li} is
   * {@code active}), clicking again while it is not: right after a view loads, AngularJS may not have bound the
   * tab's handler yet, and a click is lost (seen once in a full run: the Variables tab stayed selected).
   */
  void selectTab(String title) {
    By item = By.xpath("//ul[contains(@class,'nav-tabs')]/li[a[normalize-space(.)='" + title + "']]");
    wait.until(d -> {
      try {
        WebElement tab = d.findElement(item);
        String classes = tab.getDomAttribute("class");
        if (classes != null && java.util.List.of(classes.split("\\s+")).contains("active")) {
          return true;
        }
        scriptClick(tab.findElement(By.tagName("a")));
        return false;
      } catch (StaleElementReferenceException redrawn) {
        return false;
      }
    });
  }

  /**
   * Clicks as the page's own script would ({@code element.click()}): on the webapps' pages chromium's synthetic
   * input (WebDriver's native clicks and keys, CDP's Input domain) never reaches the document, see
   * docs/browser-tests.md. The element must be visible and enabled first, as for a user.
   */
  void click(WebElement element) {
    wait.until(ExpectedConditions.elementToBeClickable(element));
    scriptClick(element);
  }

  private void scriptClick(WebElement element) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].scrollIntoView({block:'center'}); arguments[0].click();", element);
  }

  /**
   * Types a value into an input as a browser does for a user: sets it through the element's native value setter
   * (AngularJS and form-js's Preact both read it from there), fires {@code input} and {@code change}, and leaves the
   * field (form-js debounces typing and takes the value at the latest on blur).
   */
  void fill(WebElement input, String value) {
    wait.until(ExpectedConditions.elementToBeClickable(input));
    ((JavascriptExecutor) driver).executeScript("""
        const el = arguments[0];
        el.focus();
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
        setter.call(el, arguments[1]);
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));
        el.blur();
        """, input, value);
  }

  /** Presses Enter on an element (keydown, keyup), as a user does to confirm what they typed. */
  void pressEnter(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("""
        for (const type of ['keydown', 'keyup']) {
          arguments[0].dispatchEvent(new KeyboardEvent(type, {key: 'Enter', code: 'Enter', keyCode: 13, which: 13,
              bubbles: true}));
        }
        """, element);
  }

  /** Writes the current page to target/screenshots while a test is being developed or debugged. */
  void dump(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
