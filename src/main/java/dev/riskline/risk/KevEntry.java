package dev.riskline.risk;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of the CISA KEV catalog, as {@link Intel#kev} finds it. Immutable.
 *
 * @param cveId {@code cveID}
 * @param dateAdded when CISA added it to the catalog
 * @param dueDate the date the required action is due for US federal agencies; in a few published entries
 *     it is before {@code dateAdded}
 * @param knownRansomware {@code knownRansomwareCampaignUse} is {@code Known}
 */
public record KevEntry(String cveId, String vendorProject, String product, String vulnerabilityName,
    LocalDate dateAdded, LocalDate dueDate, boolean knownRansomware) {
  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(vendorProject, "vendorProject");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(vulnerabilityName, "vulnerabilityName");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(dueDate, "dueDate");
  }
}
