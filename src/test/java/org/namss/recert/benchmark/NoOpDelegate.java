package org.namss.recert.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Every service task of the bare baseline model: does nothing, writes nothing. */
public class NoOpDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    // the baseline measures the engine alone
  }
}
