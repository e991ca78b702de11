package dev.riskline.risk;

import java.time.LocalDate;

public record KevEntry(String cveId, String vendorProject, String product, String vulnerabilityName,
    LocalDate dateAdded, LocalDate dueDate, boolean knownRansomware) {}
