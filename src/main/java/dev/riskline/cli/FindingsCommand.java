package dev.riskline.cli;

import picocli.CommandLine.Command;

@Command(name = "findings", mixinStandardHelpOptions = true)
final class FindingsCommand implements Runnable {
  @Override
  public void run() {}
}
