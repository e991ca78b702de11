package dev.riskline.finding;

/**
 * The root of Riskline's exceptions. {@link #badInput()} tells bad input (the caller can fix it: exit
 * code 2, HTTP 4xx) from our own failure (exit code 1, HTTP 5xx); the edges map them once.
 */
public class RisklineException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean badInput;
  private final String hint;

  /**
   * @param message where, what was found and what was expected
   * @param hint one line on how to fix it, or null
   */
  public RisklineException(String message, String hint, boolean badInput, Throwable cause) {
    super(message, cause);
    this.badInput = badInput;
    this.hint = hint;
  }

  public static RisklineException badInput(String message, String hint) {
    return new RisklineException(message, hint, true, null);
  }

  public boolean badInput() {
    return badInput;
  }

  /** One line on how to fix it, or null. */
  public String hint() {
    return hint;
  }
}
