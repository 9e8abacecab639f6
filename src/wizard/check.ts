// A field's verdict on what the user typed: the parsed value, or a message that names the field.
import type { z } from 'zod';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = <T = never>(field: string, problem: string): Check<T> => ({
  ok: false,
  message: `${field}: ${problem}`,
});

/** Runs a zod schema and words its first issue as "<Field>: expected <form>". */
export function checkWith<T>(field: string, schema: z.ZodType<T>, value: unknown): Check<T> {
  if (value === '') return fail(field, 'required');
  const r = schema.safeParse(value);
  if (r.success) return ok(r.data);
  return fail(field, `expected ${r.error.issues[0]?.message ?? 'a valid value'}`);
}

/** A whole number typed as text, within bounds; the message names the field and the range. */
export function checkInteger(field: string, raw: string, min: number, max: number, unit = ''): Check<number> {
  const text = raw.trim();
  if (text === '') return fail(field, 'required');
  if (!/^\d+$/.test(text)) return fail(field, `expected a whole number, got "${text}"`);
  const n = Number(text);
  const u = unit ? ` ${unit}` : '';
  if (n < min) return fail(field, `at least ${min}${u}`);
  if (n > max) return fail(field, `at most ${max}${u}`);
  return ok(n);
}
