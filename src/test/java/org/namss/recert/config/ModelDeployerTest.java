package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployment of processes/, decisions/ and forms/ with stable names and duplicate filtering, on a real engine
 * (its own database) against a temporary copy of the model folders, so the test can change a file.
 */
class ModelDeployerTest {

  @TempDir
  Path copy;

  static TestEngines.Database database;
  static ProcessEngine engine;
  RepositoryService repository;

  protected TestEngines.Database database() {
    return TestEngines.h2();
  }

  /** One engine for the class (a restart-free start is what is slow); each test starts with no deployment. */
  @BeforeEach
  void engineAndCopy() throws IOException {
    if (engine == null) {
      database = database();
      engine = TestEngines.start(database);
    }
    repository = engine.getRepositoryService();
    for (String folder : ModelDeployer.FOLDERS) {
      Files.createDirectories(copy.resolve(folder));
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(folder).resolve(file.getFileName()));
        }
      }
    }
  }

  /** Versions count from the definitions that exist: with every deployment gone, the next one is version 1. */
  @AfterEach
  void undeploy() {
    repository.createDeploymentQuery().list().forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  @AfterAll
  static void close() {
    engine.close();
    engine = null;
    TestEngines.drop(database);
  }

  /** Every model file in the source folders, named folder/file. */
  static Set<String> expectedNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String folder : ModelDeployer.FOLDERS) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.matches(".*\\.(bpmn|dmn|form)"))
            .forEach(n -> names.add(folder + "/" + n));
      }
    }
    return names;
  }

  Set<String> resourceNames(Deployment deployment) {
    return repository.getDeploymentResources(deployment.getId()).stream().map(Resource::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  @DisplayName("First deploy: every model under its folder-relative name, all at version 1")
  void firstDeploy() throws IOException {
    Deployment deployment = new ModelDeployer(repository, copy.toString()).deploy();

    assertThat(resourceNames(deployment)).isEqualTo(expectedNames())
        .contains("processes/RecertificationProcess.bpmn", "decisions/feeSchedule.dmn",
            "forms/reviewApplicationForm.form");
    assertThat(repository.createProcessDefinitionQuery().list()).extracting(ProcessDefinition::getKey)
        .containsExactlyInAnyOrder("RecertificationProcess", "ExtensionProcess", "RenewalCalendarProcess",
            "YearlyRenewalProcess", "EmailedApplicationProcess");
    assertThat(repository.createProcessDefinitionQuery().list()).allMatch(d -> d.getVersion() == 1);
    assertThat(repository.createDecisionDefinitionQuery().list()).isNotEmpty()
        .allMatch(d -> d.getVersion() == 1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("RecertificationProcess")
        .singleResult().getResourceName()).isEqualTo("processes/RecertificationProcess.bpmn");
  }

  @Test
  @DisplayName("An unchanged second deploy (a restart) deploys nothing")
  void unchangedRedeploy() {
    new ModelDeployer(repository, copy.toString()).deploy();
    long definitions = repository.createProcessDefinitionQuery().count()
        + repository.createDecisionDefinitionQuery().count();

    Deployment second = new ModelDeployer(repository, copy.toString()).deploy();

    assertThat(second).as("the second deployment").isNull();
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(1);
    assertThat(repository.createProcessDefinitionQuery().count()
        + repository.createDecisionDefinitionQuery().count()).isEqualTo(definitions);
  }

  @Test
  @DisplayName("A changed DMN file becomes version 2 of that decision only; everything else stays at version 1")
  void changedDecisionOnly() throws IOException {
    new ModelDeployer(repository, copy.toString()).deploy();
    Path fees = copy.resolve("decisions/feeSchedule.dmn");
    String changed = Files.readString(fees, StandardCharsets.UTF_8) + "\n<!-- the analyst changed a fee -->\n";
    Files.writeString(fees, changed, StandardCharsets.UTF_8);
    List<String> feeKeys = repository.createDecisionDefinitionQuery()
        .list().stream().filter(d -> d.getResourceName().equals("decisions/feeSchedule.dmn"))
        .map(DecisionDefinition::getKey).toList();
    assertThat(feeKeys).isNotEmpty();

    Deployment second = new ModelDeployer(repository, copy.toString()).deploy();

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(2);
    assertThat(resourceNames(second)).containsExactly("decisions/feeSchedule.dmn");
    for (DecisionDefinition latest : repository.createDecisionDefinitionQuery().latestVersion().list()) {
      assertThat(latest.getVersion()).as(latest.getKey()).isEqualTo(feeKeys.contains(latest.getKey()) ? 2 : 1);
    }
    assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
        .allMatch(d -> d.getVersion() == 1);
  }

  @Test
  @DisplayName("Read from the classpath (the jar) the models get the same names and contents: nothing new to deploy")
  void classpathNamesMatchFolderNames() throws IOException {
    ModelDeployer deployer = new ModelDeployer(repository, copy.toString());
    List<ModelDeployer.NamedModel> fromClasspath = deployer.modelsFromClasspath();
    assertThat(fromClasspath.stream().map(ModelDeployer.NamedModel::name).collect(Collectors.toSet()))
        .isEqualTo(expectedNames());
    deployer.deploy();

    assertThat(deployer.deploy(fromClasspath)).isNull();

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("A configured directory without the model folders is refused at start-up")
  void missingFolders() throws IOException {
    Path empty = Files.createDirectories(copy.resolve("empty"));
    assertThatThrownBy(() -> new ModelDeployer(repository, empty.toString()).deploy())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("processes");
    assertThat(repository.createDeploymentQuery().count()).isZero();
  }
}
