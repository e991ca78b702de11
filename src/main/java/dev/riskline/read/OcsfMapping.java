package dev.riskline.read;

import java.util.Map;

final class OcsfMapping {
  private OcsfMapping() {}

  static Map<String, Object> toAsff(Map<String, Object> record) {
    throw new BadRecord("", "format pending");
  }
}
