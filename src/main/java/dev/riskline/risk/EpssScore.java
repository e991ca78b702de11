package dev.riskline.risk;

import java.time.LocalDate;

public record EpssScore(String cveId, double score, double percentile, LocalDate date) {}
