package org.vigil.exporter;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's threads. The JDK server reads each request on one of them, so a client that
 * sends its request slowly, or reads the response slowly, holds a thread for as long as it
 * dawdles: with a fixed handful of threads, a few slow clients stall every scrape. This pool
 * grows from {@code core} up to {@code max} threads when every one is taken (a queue would only
 * make the next scrape wait behind the slow ones), queues beyond that, and ends the extra
 * threads after {@code keepAlive} idle, so a node that is scraped normally keeps {@code core}.
 */
final class HttpWorkers extends ThreadPoolExecutor {
  /** Tasks handed in and not finished: unlike getActiveCount(), never behind a thread's pick-up. */
  private final AtomicInteger unfinished = new AtomicInteger();

  private HttpWorkers(int core, int max, Duration keepAlive, GrowFirstQueue queue) {
    super(core, max, keepAlive.toMillis(), TimeUnit.MILLISECONDS, queue, r -> {
      Thread t = new Thread(r, "vigil-exporter-http");
      t.setDaemon(true);
      return t;
    }, (task, executor) -> queue.enqueue(task, executor));
  }

  static HttpWorkers create(int core, int max, Duration keepAlive) {
    GrowFirstQueue queue = new GrowFirstQueue();
    HttpWorkers pool = new HttpWorkers(core, max, keepAlive, queue);
    queue.pool = pool;
    return pool;
  }

  @Override
  public void execute(Runnable task) {
    unfinished.incrementAndGet();
    try {
      super.execute(task);
    } catch (RejectedExecutionException e) {
      unfinished.decrementAndGet();
      throw e;
    }
  }

  @Override
  protected void afterExecute(Runnable task, Throwable failure) {
    unfinished.decrementAndGet();
  }

  /** Refuses a task while a new thread may still start and none is free: the pool then grows. */
  private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private transient volatile HttpWorkers pool;

    @Override
    public boolean offer(Runnable task) {
      HttpWorkers p = pool;
      if (p != null && p.getPoolSize() < p.getMaximumPoolSize()
          && p.unfinished.get() > p.getPoolSize()) {
        return false;
      }
      return super.offer(task);
    }

    /** At the maximum: the task waits for a thread. */
    void enqueue(Runnable task, ThreadPoolExecutor executor) {
      if (executor.isShutdown()) {
        throw new RejectedExecutionException("vigil-exporter is stopping");
      }
      super.offer(task);
    }
  }
}
