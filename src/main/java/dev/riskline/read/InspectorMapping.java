package dev.riskline.read;

import java.util.Map;

final class InspectorMapping {
  private InspectorMapping() {}

  static Map<String, Object> toAsff(Map<String, Object> record) {
    throw new BadRecord("", "format pending");
  }
}
