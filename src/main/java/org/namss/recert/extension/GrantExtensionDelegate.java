package org.namss.recert.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R21: extended until 1 June; the renewal waits for the completed application. */
@Component("grantExtensionDelegate")
public class GrantExtensionDelegate implements JavaDelegate {

  private final ExtensionService extensions;

  public GrantExtensionDelegate(ExtensionService extensions) {
    this.extensions = extensions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    extensions.grant(execution);
  }
}
