package dev.riskline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) handed to an action instead of ending the JVM, until {@link #close} puts the
 * JVM's handlers back. A long-running command can then finish what it is doing and return its exit code
 * itself: with a shutdown hook it would run while the JVM shuts down — beside other hooks, such as H2's that
 * closes the database — and the process would exit 143 whatever the hook did.
 *
 * <p>{@code sun.misc.Signal} is one of the critical internal APIs the JDK keeps in {@code jdk.unsupported}
 * for this use (JEP 260); the JDK has no other way to handle a signal. A signal the JVM does not let us
 * handle (with {@code -Xrs}) is skipped and named in {@link #unhandled}.
 *
 * <p>Thread-safety: open and close on one thread; the action runs on the JVM's signal thread.
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> NAMES = List.of("TERM", "INT");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private final List<String> unhandled = new ArrayList<>();

  private StopSignals() {}

  /** Calls {@code action} with the signal's name ({@code SIGTERM}, {@code SIGINT}) when one arrives. */
  static StopSignals on(Consumer<String> action) {
    StopSignals s = new StopSignals();
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      try {
        s.previous.add(Signal.handle(signal, received -> action.accept("SIG" + received.getName())));
        s.signals.add(signal);
      } catch (IllegalArgumentException e) {
        s.unhandled.add("SIG" + name);
      }
    }
    return s;
  }

  /** The signals that end the JVM as usual, since they could not be handled. */
  List<String> unhandled() {
    return List.copyOf(unhandled);
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) Signal.handle(signals.get(i), previous.get(i));
  }
}
