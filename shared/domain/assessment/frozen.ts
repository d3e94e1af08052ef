/** Deep freezing of rule data (schemes, thresholds): what a rule reads cannot be changed by a caller by accident. */

/** `value` and everything reachable from it, frozen; returns `value`. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
