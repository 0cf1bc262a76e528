package org.namss.recert.renewal;

import java.util.function.Supplier;

/**
 * Marks a process start made by the application's own code (the API, the calendar's opening), for the process's
 * first step, which runs synchronously inside that start: a start from anywhere else (Tasklist's start form, the
 * engine's REST API) finds no mark, so its variables are what staff or a script typed, not the application's own.
 * Not a process variable: those can be given at a start, transient ones too.
 *
 * @param <T> what the starting code hands to the first step (e.g. the renewal case it registered)
 */
public final class OwnStart<T> {

  private final ThreadLocal<T> current = new ThreadLocal<>();

  /** Runs {@code start} with {@code mark} visible to {@link #current()} in this thread, nested starts included. */
  public <R> R during(T mark, Supplier<R> start) {
    T outer = current.get();
    current.set(mark);
    try {
      return start.get();
    } finally {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** The mark of the own start running in this thread, or null (a start from Tasklist or the REST API). */
  public T current() {
    return current.get();
  }
}
