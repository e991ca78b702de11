package dev.riskline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread of this JVM over one phase, from Linux's {@code /proc/self/task}: user plus system
 * time, summed by thread name (numbered threads such as {@code GC Thread#0} and {@code GC Thread#1} count as
 * one; the main thread, named after the process, is {@code main}). Threads that end during the phase
 * (triage's own) are counted because a sampler reads every thread each 50 ms and keeps its last reading.
 * Not thread-safe: {@link #start}, then {@link #stop} once.
 */
final class ThreadTimes {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** Per thread id: its name and its CPU ticks at the first and the latest reading. */
  private record Reading(String name, long first, long last) {}

  private final Map<String, Reading> threads = new HashMap<>();
  private final long ticksPerSecond;
  private boolean first = true;
  private Thread sampler;
  private volatile boolean stopped;

  private ThreadTimes(long ticksPerSecond) {
    this.ticksPerSecond = ticksPerSecond;
  }

  /** True where per-thread CPU times can be read (Linux). */
  static boolean available() {
    return Files.isDirectory(TASKS);
  }

  /** Starts sampling; {@code ticksPerSecond} is the kernel's clock tick ({@code getconf CLK_TCK}, 100 on Linux). */
  static ThreadTimes start(long ticksPerSecond) {
    ThreadTimes t = new ThreadTimes(ticksPerSecond);
    t.read();
    t.sampler = new Thread(() -> {
      while (!t.stopped) {
        t.read();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "riskline-thread-times");
    t.sampler.setDaemon(true);
    t.sampler.start();
    return t;
  }

  /** Stops sampling; returns seconds of CPU per thread name. */
  Map<String, Double> stop() {
    stopped = true;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    read();
    Map<String, Double> seconds = new TreeMap<>();
    for (Reading r : threads.values()) {
      if (r.name().equals("riskline-thread")) continue;
      long ticks = r.last() - r.first();
      if (ticks > 0) seconds.merge(r.name(), ticks / (double) ticksPerSecond, Double::sum);
    }
    return seconds;
  }

  private synchronized void read() {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended between listing and reading
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) continue;
        String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length < 13) continue;
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        String name = stat.substring(open + 1, close).replaceAll("#?\\d+$", "");
        if (name.equals("java")) name = "main";
        Reading before = threads.get(task.getFileName().toString());
        long from = before != null ? before.first() : first ? ticks : 0; // a thread started during the phase
        threads.put(task.getFileName().toString(), new Reading(name, from, ticks));
      }
      first = false;
    } catch (IOException | NumberFormatException e) {
      // a reading missed: the next one counts
    }
  }
}
