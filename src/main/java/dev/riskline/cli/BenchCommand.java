package dev.riskline.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true)
final class BenchCommand implements Runnable {
  @Override
  public void run() {}
}
