package dev.riskline.store;

import dev.riskline.finding.RisklineException;

/**
 * The store failed: it could not be opened or migrated, or a statement failed (the database went away, a
 * value did not fit). The message names the store's URL without its password, says what failed and, where
 * there is one, what to do. When an import batch fails, nothing of that batch was written.
 *
 * <p>Unchecked; thread-safe (immutable).
 */
public final class StoreException extends RisklineException {
  private static final long serialVersionUID = 1L;

  StoreException(String message) {
    super(message, null, false, null);
  }

  StoreException(String message, Throwable cause) {
    super(message, null, false, cause);
  }
}
