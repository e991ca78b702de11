package dev.riskline;

import java.util.Arrays;

/**
 * Finding identities seen in one run, by their 64-bit hash, each mapped to a slot number. Open
 * addressing over primitive arrays: about 24 bytes per identity, no object per entry. Not thread-safe.
 */
final class IdentityIndex {
  private long[] keys = new long[1 << 12];
  private int[] slots = new int[1 << 12];
  private int size;

  IdentityIndex() {
    Arrays.fill(slots, -1);
  }

  /** The slot for the hash, or -1. */
  int get(long hash) {
    int mask = keys.length - 1;
    for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
      if (slots[i] < 0) return -1;
      if (keys[i] == hash) return slots[i];
    }
  }

  /** Maps the hash to the slot, replacing any earlier slot. */
  void put(long hash, int slot) {
    if ((size + 1) * 2 > keys.length) grow();
    int mask = keys.length - 1;
    int i = mix(hash) & mask;
    while (slots[i] >= 0 && keys[i] != hash) i = (i + 1) & mask;
    if (slots[i] < 0) size++;
    keys[i] = hash;
    slots[i] = slot;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    slots = new int[oldSlots.length * 2];
    Arrays.fill(slots, -1);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldSlots[i] >= 0) put(oldKeys[i], oldSlots[i]);
    }
  }

  private static int mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
