package org.namss.recert.extension;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R20: refused (by the table or by the audit), with the reason the certificant reads. */
@Component("refuseExtensionDelegate")
public class RefuseExtensionDelegate implements JavaDelegate {

  private final ExtensionService extensions;

  public RefuseExtensionDelegate(ExtensionService extensions) {
    this.extensions = extensions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    extensions.refuse(execution);
  }
}
