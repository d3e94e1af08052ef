/**
 * EventBridge content filtering, for the local twin: rules on the local bus and the stream filter of the outbox
 * relay (Lambda event filtering uses the same syntax). Only what EventBridge documents is implemented, so a
 * pattern that matches here matches in AWS:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 *
 * Semantics worth knowing: every key of the pattern must match; a leaf of the pattern is an array of
 * alternatives; an array in the event matches when any of its elements does; a missing field matches only
 * `{"exists": false}`; numbers and strings never equal each other (`"5"` is not `5`).
 */

/** An EventBridge event pattern (or a Lambda event-source filter), as JSON. */
export type EventPattern = Record<string, unknown>;

/** Thrown for a pattern EventBridge itself would refuse, so a typo fails loudly at start, not silently never. */
export class InvalidPatternError extends Error {
  constructor(path: string, message: string) {
    super(`Invalid event pattern at ${path || '(root)'}: ${message}`);
    this.name = 'InvalidPatternError';
  }
}

const MISSING = Symbol('missing');
type Value = unknown | typeof MISSING;

/** Does `event` match `pattern`? Throws InvalidPatternError for a malformed pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event, '');
}

/** Validate a pattern without an event (throws InvalidPatternError): used when the local twin starts. */
export function assertValidPattern(pattern: EventPattern): void {
  // Matching against an empty object visits every branch of every $or and every leaf's operators.
  visitForValidation(pattern, '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchObject(pattern: Record<string, unknown>, event: unknown, path: string): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length < 2) throw new InvalidPatternError(path, '$or needs two or more patterns');
      const anyBranch = sub.some((branch, i) => {
        if (!isPlainObject(branch)) throw new InvalidPatternError(`${path}.$or[${i}]`, 'each branch is an object');
        return matchObject(branch, event, path);
      });
      if (!anyBranch) return false;
      continue;
    }
    const fieldPath = path ? `${path}.${key}` : key;
    const value: Value = isPlainObject(event) && Object.hasOwn(event, key) ? event[key] : MISSING;
    if (isPlainObject(sub)) {
      // A nested pattern walks into the event; below a leaf value or a missing branch every field is absent,
      // so only `exists: false` leaves can match there.
      if (!matchObject(sub, isPlainObject(value) ? value : {}, fieldPath)) return false;
      continue;
    }
    if (!Array.isArray(sub)) throw new InvalidPatternError(fieldPath, 'a leaf must be an array of values or operators');
    if (!matchLeaf(sub, value, fieldPath)) return false;
  }
  return true;
}

function matchLeaf(alternatives: unknown[], value: Value, path: string): boolean {
  if (alternatives.length === 0) throw new InvalidPatternError(path, 'an empty array matches nothing');
  // An array in the event matches when any element does; an empty array behaves as a missing field.
  const values: Value[] = value === MISSING ? [MISSING] : Array.isArray(value) ? value : [value];
  return alternatives.some((alt) => {
    if (isPlainObject(alt)) {
      if (Object.hasOwn(alt, 'exists')) return matchExists(alt.exists, value, path);
      if (Object.hasOwn(alt, 'anything-but')) {
        const inner = values.filter((v): v is unknown => v !== MISSING);
        // anything-but needs the field: with an array, every element must differ (none of them is excluded).
        return inner.length > 0 && inner.every((v) => matchAnythingBut(alt['anything-but'], v, path));
      }
      return values.some((v) => v !== MISSING && matchOperator(alt, v, path));
    }
    if (Array.isArray(alt)) throw new InvalidPatternError(path, 'nested arrays are not allowed in a pattern');
    return values.some((v) => v !== MISSING && isLeaf(v) && v === alt);
  });
}

function isLeaf(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function matchExists(flag: unknown, value: Value, path: string): boolean {
  if (typeof flag !== 'boolean') throw new InvalidPatternError(path, '"exists" takes true or false');
  // EventBridge: exists works on leaf nodes only; an object (intermediate node) does not "exist".
  const present =
    value !== MISSING && !isPlainObject(value) && !(Array.isArray(value) && !value.some((v) => !isPlainObject(v)));
  return flag ? present : !present;
}

function matchOperator(operator: Record<string, unknown>, value: unknown, path: string): boolean {
  const keys = Object.keys(operator);
  if (keys.length !== 1) throw new InvalidPatternError(path, `one operator per object, got ${keys.join(', ')}`);
  const name = keys[0] as string;
  const argument = operator[name];
  switch (name) {
    case 'prefix':
      return matchAffix(argument, value, path, 'prefix');
    case 'suffix':
      return matchAffix(argument, value, path, 'suffix');
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === requireString(argument, path, name).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardRegExp(requireString(argument, path, name)).test(value);
    case 'numeric':
      return matchNumeric(argument, value, path);
    default:
      throw new InvalidPatternError(path, `unsupported operator "${name}"`);
  }
}

function requireString(argument: unknown, path: string, operator: string): string {
  if (typeof argument !== 'string') throw new InvalidPatternError(path, `"${operator}" takes a string`);
  return argument;
}

function matchAffix(argument: unknown, value: unknown, path: string, kind: 'prefix' | 'suffix'): boolean {
  if (typeof value !== 'string') return false;
  let affix: string;
  let ignoreCase = false;
  if (isPlainObject(argument) && typeof argument['equals-ignore-case'] === 'string') {
    affix = argument['equals-ignore-case'];
    ignoreCase = true;
  } else {
    affix = requireString(argument, path, kind);
  }
  const subject = ignoreCase ? value.toLowerCase() : value;
  const wanted = ignoreCase ? affix.toLowerCase() : affix;
  return kind === 'prefix' ? subject.startsWith(wanted) : subject.endsWith(wanted);
}

function matchAnythingBut(argument: unknown, value: unknown, path: string): boolean {
  if (Array.isArray(argument)) {
    if (argument.some((a) => !isLeaf(a) || a === null)) {
      throw new InvalidPatternError(path, '"anything-but" lists hold strings or numbers');
    }
    return !argument.includes(value as string | number);
  }
  if (isPlainObject(argument)) {
    const [name, inner] = Object.entries(argument)[0] ?? [];
    if (Object.keys(argument).length !== 1 || name === undefined) {
      throw new InvalidPatternError(path, '"anything-but" takes one operator');
    }
    if (name === 'prefix' || name === 'suffix') return !matchAffix(requireString(inner, path, name), value, path, name);
    if (name === 'equals-ignore-case') {
      const list = Array.isArray(inner) ? inner : [inner];
      return (
        typeof value === 'string' &&
        !list.some((s) => requireString(s, path, name).toLowerCase() === value.toLowerCase())
      );
    }
    if (name === 'wildcard') {
      const list = Array.isArray(inner) ? inner : [inner];
      return typeof value === 'string' && !list.some((s) => wildcardRegExp(requireString(s, path, name)).test(value));
    }
    throw new InvalidPatternError(path, `"anything-but" does not take "${name}"`);
  }
  if (typeof argument === 'string' || typeof argument === 'number') return value !== argument;
  throw new InvalidPatternError(path, '"anything-but" takes a value, a list or {prefix|suffix|...}');
}

const NUMERIC_OPERATORS = new Set(['<', '<=', '=', '>', '>=']);

function matchNumeric(argument: unknown, value: unknown, path: string): boolean {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    throw new InvalidPatternError(path, '"numeric" takes pairs like [">", 0, "<=", 5]');
  }
  if (typeof value !== 'number') return false;
  for (let i = 0; i < argument.length; i += 2) {
    const operator = argument[i];
    const bound = argument[i + 1];
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator) || typeof bound !== 'number') {
      throw new InvalidPatternError(path, `"numeric" comparison ${String(operator)} ${String(bound)} is not valid`);
    }
    const ok =
      operator === '<'
        ? value < bound
        : operator === '<='
          ? value <= bound
          : operator === '='
            ? value === bound
            : operator === '>'
              ? value > bound
              : value >= bound;
    if (!ok) return false;
  }
  return true;
}

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegExp(wildcard: string): RegExp {
  let source = '';
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\' && (wildcard[i + 1] === '*' || wildcard[i + 1] === '\\')) {
      source += `\\${wildcard[i + 1]}`;
      i++;
    } else if (char === '*') {
      if (wildcard[i + 1] === '*') throw new InvalidPatternError('', 'consecutive wildcards are not allowed');
      source += '.*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function visitForValidation(pattern: Record<string, unknown>, path: string): void {
  for (const [key, sub] of Object.entries(pattern)) {
    const fieldPath = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length < 2) throw new InvalidPatternError(path, '$or needs two or more patterns');
      for (const branch of sub) {
        if (!isPlainObject(branch)) throw new InvalidPatternError(fieldPath, 'each branch is an object');
        visitForValidation(branch, path);
      }
    } else if (isPlainObject(sub)) {
      visitForValidation(sub, fieldPath);
    } else if (Array.isArray(sub)) {
      if (sub.length === 0) throw new InvalidPatternError(fieldPath, 'an empty array matches nothing');
      // Evaluate each alternative alone against a value of every kind: operator errors surface as exceptions.
      for (const alternative of sub) for (const probe of ['', 0, MISSING]) matchLeaf([alternative], probe, fieldPath);
    } else {
      throw new InvalidPatternError(fieldPath, 'a leaf must be an array of values or operators');
    }
  }
}
