// A run's state as plain JSON and back: maps and sets become tagged lists of their entries in
// insertion order (the order a map is iterated in is part of what a run computes), everything
// else stays as it is. Only plain data may be in a run's state; anything else is a bug there,
// so it is refused loudly rather than written in a form that could not be read back.

const MAP_TAG = '$map';
const SET_TAG = '$set';

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** `value` with every Map and Set replaced by its tagged entries. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`run state: ${value} is not a finite number`);
    return value;
  }
  if (typeof value !== 'object') throw new Error(`run state: a value is a ${typeof value}`);
  if (value instanceof Map) {
    return {
      [MAP_TAG]: [...value].map(([k, v]) => [toJsonValue(k), toJsonValue(v)]),
    };
  }
  if (value instanceof Set) {
    return { [SET_TAG]: [...value].map((v) => toJsonValue(v)) };
  }
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (v === undefined) throw new Error('run state: a list holds undefined');
      return toJsonValue(v);
    });
  }
  if (!isPlainObject(value))
    throw new Error(`run state: a ${value.constructor?.name} is not plain data`);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === MAP_TAG || keys[0] === SET_TAG)) {
    throw new Error(`run state: an object's only key is ${keys[0]}`);
  }
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    // An absent field and one set to undefined read the same in the core.
    if (v !== undefined) out[key] = toJsonValue(v);
  }
  return out;
}

/** The value `toJsonValue` was given, read back from its JSON form. */
export function fromJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromJsonValue);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === MAP_TAG) {
    const entries = record[MAP_TAG] as [unknown, unknown][];
    return new Map(entries.map(([k, v]) => [fromJsonValue(k), fromJsonValue(v)]));
  }
  if (keys.length === 1 && keys[0] === SET_TAG) {
    return new Set((record[SET_TAG] as unknown[]).map(fromJsonValue));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromJsonValue(record[key]);
  return out;
}
