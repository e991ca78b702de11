package dev.riskline.cli;

import dev.riskline.risk.Intel;
import java.util.ArrayList;
import java.util.List;

/** How loaded threat intelligence is named in reports and explanations. */
final class IntelText {
  private IntelText() {}

  static List<String> lines(Intel intel) {
    List<String> out = new ArrayList<>();
    return out;
  }
}
