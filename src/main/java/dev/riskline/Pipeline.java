package dev.riskline;

import dev.riskline.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands findings from the reading thread to a second thread that imports and triages them, so reading
 * (JSON parsing and validation) and triage (import, pipeline, writing results) use two cores. Findings
 * travel in batches of 256 through a queue of 4 batches: memory stays bounded whatever the input size.
 * {@link #close()} waits for the last finding and rethrows any failure of the second thread.
 *
 * <p>{@link #accept} is for one producing thread only.
 */
public final class Pipeline implements Consumer<Finding>, AutoCloseable {
  private static final int BATCH = 256;
  private static final List<Finding> END = List.of();

  private final BlockingQueue<List<Finding>> queue = new ArrayBlockingQueue<>(4);
  private final Thread worker;
  private volatile Throwable failure;
  private List<Finding> batch = new ArrayList<>(BATCH);

  Pipeline(Consumer<Finding> sink) {
    worker = new Thread(() -> drain(sink), "riskline-triage");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void accept(Finding finding) {
    batch.add(finding);
    if (batch.size() == BATCH) {
      put(batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  /** Sends what is left, waits until every finding is triaged, and rethrows a failure of the worker. */
  @Override
  public void close() {
    if (!batch.isEmpty()) put(batch);
    batch = new ArrayList<>();
    put(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for triage to finish", e);
    }
    rethrow();
  }

  private void drain(Consumer<Finding> sink) {
    try {
      for (List<Finding> b = queue.take(); b != END; b = queue.take()) {
        if (failure == null) b.forEach(sink);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      queue.clear();
      try {
        while (queue.take() != END) {
          // keep consuming so the producer never blocks; its findings are dropped after a failure
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void put(List<Finding> b) {
    rethrow();
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing findings to triage", e);
    }
  }

  private void rethrow() {
    Throwable t = failure;
    if (t instanceof RuntimeException re) throw re;
    if (t instanceof Error err) throw err;
  }
}
