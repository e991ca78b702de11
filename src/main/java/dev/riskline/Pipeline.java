package dev.riskline;

import dev.riskline.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands findings from the reading thread to a second thread that imports and triages them, so reading
 * (JSON parsing and validation, and what can be prepared from the provider's record alone: which automation
 * rules it matches) and triage (import, rule actions, risk, schedule, writing results) use two cores. Findings
 * travel in batches of 64 through a queue of 4 batches: memory stays bounded whatever the input size.
 * {@link #close()} waits for the last finding and rethrows any failure of the second thread.
 *
 * <p>{@link #accept} is for one producing thread only.
 */
public final class Pipeline implements Consumer<Finding>, AutoCloseable {
  private static final int BATCH = 64;
  private static final List<Object> END = List.of();

  private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(4);
  private final Thread worker;
  private final Function<Finding, Object> prepare;
  private volatile Throwable failure;
  private List<Object> batch = new ArrayList<>(2 * BATCH);

  /**
   * @param prepare runs on the producing thread for each finding
   * @param sink runs on the second thread with each finding and what was prepared for it
   */
  <T> Pipeline(Function<Finding, T> prepare, BiConsumer<Finding, T> sink) {
    @SuppressWarnings("unchecked")
    BiConsumer<Finding, Object> s = (f, p) -> sink.accept(f, (T) p);
    this.prepare = prepare::apply;
    worker = new Thread(() -> drain(s), "riskline-triage");
    worker.setDaemon(true);
    worker.start();
  }

  Pipeline(Consumer<Finding> sink) {
    this(f -> null, (f, p) -> sink.accept(f));
  }

  @Override
  public void accept(Finding finding) {
    batch.add(finding);
    batch.add(prepare.apply(finding));
    if (batch.size() == 2 * BATCH) {
      put(batch);
      batch = new ArrayList<>(2 * BATCH);
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

  private void drain(BiConsumer<Finding, Object> sink) {
    try {
      for (List<Object> b = queue.take(); b != END; b = queue.take()) {
        if (failure != null) continue;
        for (int i = 0; i < b.size(); i += 2) sink.accept((Finding) b.get(i), b.get(i + 1));
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

  private void put(List<Object> b) {
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
