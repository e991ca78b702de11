package dev.riskline.store;

import java.io.IOException;

/** Another process that has a store open: opens the store of args[0], says "open", waits for end of input. */
final class HoldStore {
  private HoldStore() {}

  public static void main(String[] args) throws IOException {
    try (Store store = Store.open(args[0])) {
      System.out.println("open " + store.count());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the store until the test closes our input
      }
    }
  }
}
