package dev.riskline.risk;

import dev.riskline.finding.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A risk matrix: a rating for every pair of likelihood and impact. Labels are the organisation's own, each
 * axis in ascending order ({@code [LOW, MEDIUM, HIGH, CRITICAL]}); the ratings form an ascending scale too.
 * Complete by construction; non-decreasing along both axes unless built with {@code allowNonMonotonic}.
 * Immutable and thread-safe.
 */
public final class Matrix {
  private final String name;
  private final List<String> likelihoods;
  private final List<String> impacts;
  private final List<String> ratings;
  private final int[][] cells; // [likelihood index][impact index] → rating index
  private final Map<String, Integer> likelihoodIndex = new HashMap<>();
  private final Map<String, Integer> impactIndex = new HashMap<>();
  private final Map<String, Integer> ratingIndex = new HashMap<>();

  private Matrix(String name, List<String> likelihoods, List<String> impacts, List<String> ratings, int[][] cells) {
    this.name = name;
    this.likelihoods = List.copyOf(likelihoods);
    this.impacts = List.copyOf(impacts);
    this.ratings = List.copyOf(ratings);
    this.cells = cells;
    for (int i = 0; i < likelihoods.size(); i++) likelihoodIndex.put(likelihoods.get(i), i);
    for (int i = 0; i < impacts.size(); i++) impactIndex.put(impacts.get(i), i);
    for (int i = 0; i < ratings.size(); i++) ratingIndex.put(ratings.get(i), i);
  }

  /**
   * Reads a matrix from the configuration: {@code likelihood}, {@code impact} and {@code ratings} (each a
   * list of labels, lowest first), {@code cells} (an object with one row per likelihood label, each a list
   * of ratings in the order of {@code impact}) and {@code allowNonMonotonic}. Returns null after adding
   * every problem found.
   */
  static Matrix read(Settings s, String name) {
    s.allow("likelihood", "impact", "ratings", "cells", "allowNonMonotonic", "name");
    int before = s.problems().size();
    List<String> l = labels(s, "likelihood");
    List<String> im = labels(s, "impact");
    List<String> r = labels(s, "ratings");
    boolean allowNonMonotonic = s.bool("allowNonMonotonic", false);
    String label = s.string("name", name);
    if (s.problems().size() > before) return null;
    Settings rows = s.section("cells");
    for (String key : rows.keys()) {
      if (!l.contains(key)) {
        s.problem(rows.at(key), "not a likelihood label; expected one of " + l);
      }
    }
    int[][] cells = new int[l.size()][im.size()];
    for (int li = 0; li < l.size(); li++) {
      String row = l.get(li);
      List<Object> values = rows.list(row);
      String where = rows.at(row);
      if (values == null) {
        s.problem(where, "missing row; every likelihood " + l + " needs a rating for each impact " + im);
        continue;
      }
      if (values.size() != im.size()) {
        s.problem(where, "expected " + im.size() + " ratings, one for each impact " + im + ", but found "
            + values.size());
        continue;
      }
      for (int ii = 0; ii < im.size(); ii++) {
        String v = s.checkOneOf(where + "[" + ii + "]", values.get(ii), r, null);
        cells[li][ii] = v == null ? -1 : r.indexOf(v);
      }
    }
    if (s.problems().size() > before) return null;
    Matrix m = new Matrix(label, l, im, r, cells);
    if (!allowNonMonotonic) {
      for (String p : m.monotonicityProblems()) s.problem(s.at("cells"), p);
    }
    return s.problems().size() > before ? null : m;
  }

  private static List<String> labels(Settings s, String key) {
    List<String> l = s.strings(key, null);
    if (l == null) {
      s.problem(s.at(key), "missing; expected a list of labels, lowest first");
      return List.of();
    }
    if (l.isEmpty()) s.problem(s.at(key), "expected at least one label");
    if (l.stream().distinct().count() != l.size()) s.problem(s.at(key), "labels must be distinct but were " + l);
    return l;
  }

  /** Builds a matrix from rows given highest likelihood first, as matrices are printed. Validated. */
  static Matrix of(String name, List<String> likelihoods, List<String> impacts, List<String> ratings,
      String[][] rowsHighestFirst) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> tree = new HashMap<>();
    tree.put("likelihood", likelihoods);
    tree.put("impact", impacts);
    tree.put("ratings", ratings);
    Map<String, Object> cells = new HashMap<>();
    for (int i = 0; i < rowsHighestFirst.length; i++) {
      cells.put(likelihoods.get(likelihoods.size() - 1 - i), List.of((Object[]) rowsHighestFirst[i]));
    }
    tree.put("cells", cells);
    Matrix m = read(Settings.of(tree, "matrix", problems), name);
    if (m == null) throw new IllegalStateException("preset " + name + ": " + problems);
    return m;
  }

  /** Each place where a rating falls as likelihood or impact rises. */
  List<String> monotonicityProblems() {
    List<String> out = new ArrayList<>();
    for (int li = 0; li < likelihoods.size(); li++) {
      for (int ii = 0; ii < impacts.size(); ii++) {
        if (ii > 0 && cells[li][ii] < cells[li][ii - 1]) {
          out.add("not monotonic: likelihood " + likelihoods.get(li) + " rates impact " + impacts.get(ii) + " "
              + ratings.get(cells[li][ii]) + ", lower than impact " + impacts.get(ii - 1) + " ("
              + ratings.get(cells[li][ii - 1]) + "); set allowNonMonotonic: true if this is intended");
        }
        if (li > 0 && cells[li][ii] < cells[li - 1][ii]) {
          out.add("not monotonic: impact " + impacts.get(ii) + " with likelihood " + likelihoods.get(li)
              + " rates " + ratings.get(cells[li][ii]) + ", lower than with likelihood " + likelihoods.get(li - 1)
              + " (" + ratings.get(cells[li - 1][ii]) + "); set allowNonMonotonic: true if this is intended");
        }
      }
    }
    return out;
  }

  public String name() {
    return name;
  }

  /** Likelihood labels, lowest first. */
  public List<String> likelihoods() {
    return likelihoods;
  }

  /** Impact labels, lowest first. */
  public List<String> impacts() {
    return impacts;
  }

  /** Rating labels, lowest first. */
  public List<String> ratings() {
    return ratings;
  }

  /** The rating of a likelihood and an impact, both labels of this matrix. */
  public String rate(String likelihood, String impact) {
    Integer l = likelihoodIndex.get(Objects.requireNonNull(likelihood, "likelihood"));
    Integer i = impactIndex.get(Objects.requireNonNull(impact, "impact"));
    if (l == null) throw new IllegalArgumentException("unknown likelihood " + likelihood + "; expected one of " + likelihoods);
    if (i == null) throw new IllegalArgumentException("unknown impact " + impact + "; expected one of " + impacts);
    return ratings.get(cells[l][i]);
  }

  /** The position of a rating on the scale (0 = lowest), or -1 for a label not on it (e.g. NONE). */
  public int rank(String rating) {
    Integer r = ratingIndex.get(rating);
    return r == null ? -1 : r;
  }

  /** An impact moved {@code steps} along its axis, held at the ends. */
  String shiftImpact(String impact, int steps) {
    int i = impactIndex.get(impact) + steps;
    return impacts.get(Math.max(0, Math.min(impacts.size() - 1, i)));
  }

  int likelihoodRank(String likelihood) {
    Integer l = likelihoodIndex.get(likelihood);
    return l == null ? -1 : l;
  }
}
