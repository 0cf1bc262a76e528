package org.namss.recert.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R20: resolves the certificant and counts the credits the certificates document. */
@Component("loadExtensionRequestDelegate")
public class LoadExtensionRequestDelegate implements JavaDelegate {

  private final ExtensionService extensions;

  public LoadExtensionRequestDelegate(ExtensionService extensions) {
    this.extensions = extensions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    extensions.prepare(execution);
  }
}
