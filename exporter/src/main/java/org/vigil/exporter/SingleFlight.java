package org.vigil.exporter;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One computation at a time, shared: callers arriving while one is in flight get its result
 * instead of starting another; the first caller after it finishes starts a fresh one. Nothing is
 * kept between computations.
 */
final class SingleFlight<T> {
  private final Supplier<T> compute;
  private CompletableFuture<T> inFlight;

  SingleFlight(Supplier<T> compute) {
    this.compute = compute;
  }

  /** The result of the computation in flight, or of a fresh one run on the calling thread. */
  T get() {
    CompletableFuture<T> mine;
    boolean leader = false;
    synchronized (this) {
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
      }
      mine = inFlight;
    }
    if (leader) {
      try {
        mine.complete(compute.get());
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
      } finally {
        synchronized (this) {
          inFlight = null;
        }
      }
    }
    return mine.join();
  }
}
