// Time zones as tzdata names (what NixOS time.timeZone and timedatectl take), checked against the ICU database.
import { closest } from '../suggest';
import { type Check, fail, ok } from './check';

const FIELD = 'Time zone';
// tzdata file names: segments start with a capital letter (Europe/Berlin, America/Argentina/Buenos_Aires, UTC).
const tzdataShape = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

function resolve(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function checkTimezone(raw: string): Check<string> {
  const name = raw.trim();
  if (name === '') return fail(FIELD, 'required');
  const resolved = resolve(name);
  if (resolved && tzdataShape.test(name)) return ok(name);
  const hint = resolved ?? closest(name, Intl.supportedValuesOf('timeZone'));
  return fail(
    FIELD,
    `"${name}" is not a tz database name like Europe/Berlin${hint ? ` (did you mean ${hint}?)` : ''}`,
  );
}
