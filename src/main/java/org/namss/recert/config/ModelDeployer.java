package org.namss.recert.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys every model in {@code processes/}, {@code decisions/} and {@code forms/} under a stable name relative
 * to those folders ({@code decisions/feeSchedule.dmn}), whether the application runs from the source tree or
 * from the jar, with duplicate filtering: an unchanged restart deploys nothing, a changed file becomes a new
 * version of that file only.
 */
public class ModelDeployer {

  public static final String DEPLOYMENT_NAME = "recertification-models";
  static final List<String> FOLDERS = List.of("processes", "decisions", "forms");
  private static final List<String> SUFFIXES = List.of(".bpmn", ".dmn", ".form");
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final String directory;

  public ModelDeployer(RepositoryService repositoryService, String directory) {
    this.repositoryService = repositoryService;
    this.directory = directory;
  }

  /** @return the deployment made, or null when nothing changed */
  public Deployment deploy() {
    List<NamedModel> models = modelsFromDirectory().orElseGet(this::modelsFromClasspath);
    if (models.isEmpty()) {
      throw new IllegalStateException("No models found in processes/, decisions/ or forms/");
    }
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("recertification")
        .enableDuplicateFiltering(true);
    for (NamedModel model : models) {
      builder.addInputStream(model.name(), model.content());
    }
    Deployment deployment = builder.deployWithResult();
    // with duplicate filtering and nothing changed, the engine answers with the latest existing deployment
    if (deployment instanceof DeploymentEntity entity && !entity.isNew()) {
      LOG.info("Models: {} found, none new or changed", models.size());
      return null;
    }
    int deployed = deployment == null ? 0 : repositoryService.getDeploymentResources(deployment.getId()).size();
    LOG.info("Models: {} found, {} new or changed deployed", models.size(), deployed);
    return deployment;
  }

  private java.util.Optional<List<NamedModel>> modelsFromDirectory() {
    Path root = directory == null || directory.isBlank() ? Path.of("") : Path.of(directory);
    if (!FOLDERS.stream().allMatch(folder -> Files.isDirectory(root.resolve(folder)))) {
      if (directory != null && !directory.isBlank()) {
        throw new IllegalStateException("recert.models.directory " + root.toAbsolutePath()
            + " must hold the folders " + FOLDERS);
      }
      return java.util.Optional.empty();
    }
    List<NamedModel> models = new ArrayList<>();
    for (String folder : FOLDERS) {
      try (Stream<Path> files = Files.list(root.resolve(folder))) {
        for (Path file : files.filter(ModelDeployer::isModel).sorted(Comparator.naturalOrder()).toList()) {
          models.add(new NamedModel(folder + "/" + file.getFileName(), Files.readAllBytes(file)));
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read models in " + root.resolve(folder), e);
      }
    }
    LOG.info("Reading models from {}", root.toAbsolutePath());
    return java.util.Optional.of(models);
  }

  private List<NamedModel> modelsFromClasspath() {
    var resolver = new PathMatchingResourcePatternResolver();
    List<NamedModel> models = new ArrayList<>();
    for (String folder : FOLDERS) {
      try {
        Resource[] resources = resolver.getResources("classpath*:" + folder + "/*.*");
        for (Resource resource : resources) {
          String fileName = resource.getFilename();
          if (fileName != null && SUFFIXES.stream().anyMatch(fileName::endsWith)) {
            try (InputStream in = resource.getInputStream()) {
              models.add(new NamedModel(folder + "/" + fileName, in.readAllBytes()));
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read models from the classpath", e);
      }
    }
    models.sort(Comparator.comparing(NamedModel::name));
    LOG.info("Reading models from the classpath");
    return models;
  }

  private static boolean isModel(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private record NamedModel(String name, byte[] bytes) {
    InputStream content() {
      return new java.io.ByteArrayInputStream(bytes);
    }
  }
}
