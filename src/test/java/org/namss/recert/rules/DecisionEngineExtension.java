package org.namss.recert.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Decision tests without a Spring context: ONE in-memory Camunda engine per JVM (kept in JUnit's root store and
 * closed when the test run ends) with every {@code decisions/*.dmn} deployed straight from the project folder
 * (Maven runs tests with the project root as working directory), under the resource names {@code decisions/<file>}
 * the application uses.
 * <p>
 * Test constructors or methods may declare a {@link DecisionService}, the {@link DecisionRules} facade (over
 * {@link LatestDecisions}, as in the application), a {@link ProcessEngine} or the {@link DeployedDecisions}.
 * FEEL is evaluated by {@link ParsedFeelEngine}, as in the application; history is FULL for the DecisionService.
 */
public class DecisionEngineExtension implements ParameterResolver {

    /** The DMN folder, relative to the project root. */
    public static final Path DECISIONS_FOLDER = Path.of(Decisions.FOLDER);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DecisionEngineExtension.class);

    /** What the shared engine has deployed. */
    public record DeployedDecisions(List<Path> files, String deploymentId) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DecisionService.class || type == DecisionRules.class
                || type == ProcessEngine.class || type == DeployedDecisions.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SharedEngine shared = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedEngine.class, key -> SharedEngine.start(), SharedEngine.class);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DecisionService.class) {
            return shared.engine.getDecisionService();
        }
        if (type == DecisionRules.class) {
            return shared.rules;
        }
        if (type == ProcessEngine.class) {
            return shared.engine;
        }
        return shared.deployed;
    }

    /** The DMN files of the project, sorted by name. */
    public static List<Path> dmnFiles() {
        try (Stream<Path> files = Files.list(DECISIONS_FOLDER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dmn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + DECISIONS_FOLDER.toAbsolutePath(), e);
        }
    }

    private static final class SharedEngine implements ExtensionContext.Store.CloseableResource {

        private final ProcessEngine engine;
        private final DecisionRules rules;
        private final DeployedDecisions deployed;

        private SharedEngine(ProcessEngine engine, DeployedDecisions deployed) {
            this.engine = engine;
            // looks the latest version up on every call: the tests deploy changed tables and expect them at once
            this.rules = new DecisionRules(new LatestDecisions(engine, new DecisionDeployments(), Duration.ZERO));
            this.deployed = deployed;
        }

        static SharedEngine start() {
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                    .createStandaloneInMemProcessEngineConfiguration()
                    // own name, so that the engine never replaces the application's "default" engine in ProcessEngines
                    .setProcessEngineName("recert-decision-tests")
                    .setJdbcUrl("jdbc:h2:mem:decisions;DB_CLOSE_DELAY=-1")
                    .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                    .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                    .setJobExecutorActivate(false);
            ParsedFeelEngine.use(configuration); // FEEL as the application evaluates it
            ProcessEngine engine = configuration.buildProcessEngine();
            List<Path> files = dmnFiles();
            if (files.isEmpty()) {
                throw new IllegalStateException("No .dmn file in " + DECISIONS_FOLDER.toAbsolutePath());
            }
            DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("decisions");
            for (Path file : files) {
                try {
                    deployment.addInputStream(Decisions.FOLDER + "/" + file.getFileName(),
                            new ByteArrayInputStream(Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }
            String deploymentId = deployment.deploy().getId();
            return new SharedEngine(engine, new DeployedDecisions(files, deploymentId));
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
