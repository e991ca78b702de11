package dev.riskline.cli;

import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true)
final class IngestCommand implements Runnable {
  @Override
  public void run() {}
}
