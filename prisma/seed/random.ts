/**
 * Deterministic "randomness" for the demo data: every draw is a pure function of a stable
 * string key (e.g. "330825109|2023|P02|invest"), so the data set is the same on every run and
 * does not depend on the order in which things are generated. No Math.random, no clock.
 */

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A number in [0, 1) determined by `key` (FNV-1a, then one mulberry32 step to mix the bits). */
export function rand(key: string): number {
  let t = (fnv1a(key) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [min, max] (inclusive) determined by `key`. */
export function randInt(key: string, min: number, max: number): number {
  return min + Math.floor(rand(key) * (max - min + 1));
}

/** A number in [min, max) determined by `key`. */
export function randRange(key: string, min: number, max: number): number {
  return min + rand(key) * (max - min);
}

/** One element of a non-empty list, chosen by `key`. */
export function pick<T>(key: string, items: readonly T[]): T {
  const item = items[Math.floor(rand(key) * items.length)];
  if (item === undefined) throw new Error(`pick(${key}): empty list`);
  return item;
}

/**
 * Splits an integer `total` over items in proportion to their weights (largest-remainder
 * method), after giving each item its `min`. Ties go to the earlier item, so the result is
 * deterministic. @throws when the minimums exceed the total.
 */
export function allocate(
  total: number,
  items: readonly { weight: number; min?: number }[],
): number[] {
  const mins = items.map((item) => item.min ?? 0);
  const rest = total - mins.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new Error(`allocate: minimums exceed ${total}`);
  const weightSum = items.reduce((a, item) => a + item.weight, 0);
  const raw = items.map((item) => (rest * item.weight) / weightSum);
  const result = raw.map((value, i) => (mins[i] ?? 0) + Math.floor(value));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = raw
    .map((value, i) => ({ i, frac: value - Math.floor(value) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left--;
  }
  return result;
}
