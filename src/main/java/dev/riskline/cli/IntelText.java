package dev.riskline.cli;

import dev.riskline.risk.Intel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How loaded threat intelligence is named in reports and explanations: versions, dates and sizes. */
final class IntelText {
  private IntelText() {}

  static List<String> lines(Intel intel) {
    List<String> out = new ArrayList<>();
    Intel.KevCatalog kev = intel.kevCatalog();
    if (kev != null) {
      out.add(String.format(Locale.ROOT, "CISA KEV catalog %s, released %s: %,d CVEs", kev.catalogVersion(),
          kev.dateReleased().toString().substring(0, 10), kev.count()));
    }
    Intel.EpssMeta epss = intel.epssMeta();
    if (epss != null) {
      out.add(String.format(Locale.ROOT, "FIRST EPSS model %s, scores of %s: %,d CVEs", epss.modelVersion(),
          epss.scoreDay(), epss.count()));
    }
    return out;
  }
}
