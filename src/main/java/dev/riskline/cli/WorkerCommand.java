package dev.riskline.cli;

import dev.riskline.Config;
import dev.riskline.Riskline;
import dev.riskline.finding.RisklineException;
import dev.riskline.route.Dispatcher;
import dev.riskline.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code riskline worker}: dispatches deliveries continuously until SIGTERM or SIGINT. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Dispatch deliveries continuously: send what is due, then wait until the next delivery is "
        + "due or deliveries.pollSeconds (default 5) have passed, whichever is first, so what riskline ingest "
        + "enqueues from another process goes out within seconds. One line per batch on stderr. A store that "
        + "fails (PostgreSQL restarting) is reported and tried again; the worker goes on. SIGTERM or Ctrl-C "
        + "stops it once the attempt in flight is recorded. Several workers may share one PostgreSQL store: "
        + "each delivery is claimed by one of them for its lease.", "",
        "Today the worker dispatches deliveries only; consuming findings from an SQS queue comes later.", ""},
    footer = {"", "Examples:",
        "  riskline worker --config riskline.yaml",
        "  HOOK_SECRET=... riskline worker --config /etc/riskline/riskline.yaml \\",
        "      --store 'jdbc:postgresql://db/riskline?user=riskline'",
        "", "Exit codes: 0 stopped by SIGTERM or SIGINT, 2 bad input (nothing was sent), 1 the store could not "
        + "be opened."})
final class WorkerCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;
  @Mixin
  Options.ConfigOption config = new Options.ConfigOption();
  @Mixin
  Options.StoreOption store = new Options.StoreOption();

  @Override
  public Integer call() {
    Config c = store.apply(config.load());
    if (c.targets().isEmpty()) {
      throw RisklineException.badInput("no targets in the configuration; the worker would make every delivery "
          + "DEAD", "Give the riskline.yaml that names them under targets: with --config FILE or RISKLINE_CONFIG.");
    }
    Dispatcher.Policy policy = c.delivery();
    Riskline engine = Riskline.create(c);
    try (Store db = engine.openStore()) {
      Dispatcher dispatcher = engine.dispatcher(db);
      Worker worker = new Worker(db, dispatcher, policy.poll(), c.clock(), spec.commandLine().getErr());
      try (StopSignals signals = StopSignals.on(worker::stop)) {
        worker.log("worker started: targets %s, batch %d, lease %d s, polling at least every %d s; "
            + "stop with SIGTERM or Ctrl-C", c.targets().keySet(), policy.batch(), policy.lease().toSeconds(),
            policy.poll().toSeconds());
        if (!signals.unhandled().isEmpty()) {
          worker.log("cannot handle %s: they end the worker at once, and the delivery in flight is sent again "
              + "when its lease is over", signals.unhandled());
        }
        worker.run();
      }
    }
    return 0;
  }
}
