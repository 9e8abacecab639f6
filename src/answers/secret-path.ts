// Paths of files that hold a secret (Tailscale auth key, Infisical token). The secret itself is never typed,
// stored or shown: only where it lives. The message never repeats what was typed (it may be the secret).
import { AbsPath } from './fields';

export type PathCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkSecretPath(field: string, raw: string): PathCheck {
  const path = raw.trim();
  if (path === '') return { ok: false, message: `${field}: required` };
  if (!path.startsWith('/')) {
    return {
      ok: false,
      message: `${field}: expected the path of the file that holds it, like /run/secrets/name (never the secret itself)`,
    };
  }
  if (/\s/.test(path))
    return { ok: false, message: `${field}: expected a path without spaces or line breaks` };
  if (!AbsPath.safeParse(path).success) {
    return { ok: false, message: `${field}: expected an absolute path without . or .. parts or empty parts` };
  }
  if (path === '/nix/store' || path.startsWith('/nix/store/')) {
    return {
      ok: false,
      message: `${field}: expected a file outside /nix/store (everything in the store is world-readable)`,
    };
  }
  return { ok: true, value: path };
}
