const SECRET_KEY = /pass(word)?|secret|token|api_?key|authorization|hash|cookie/i;
export const REDACTED = '[redacted]';

/** A deep copy with every secret-looking field blanked. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, SECRET_KEY.test(key) ? REDACTED : withoutSecrets(field)]),
    );
  }
  return value;
}

export type FieldDiff = Record<string, { from: unknown; to: unknown }>;

/** Top-level fields whose values differ between `before` and `after` (nested values compared whole). */
export function diffFields(before: object | null | undefined, after: object | null | undefined): FieldDiff {
  const from = (withoutSecrets(before ?? {}) ?? {}) as Record<string, unknown>;
  const to = (withoutSecrets(after ?? {}) ?? {}) as Record<string, unknown>;
  const diff: FieldDiff = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      diff[key] = { from: from[key] ?? null, to: to[key] ?? null };
  }
  return diff;
}
