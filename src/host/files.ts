// Root-relative reads for probes. Each returns a value or the reason it could not, and never throws.
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type Read<T> = { ok: true; value: T } | { ok: false; missing: boolean; reason: string };

const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function underRoot(root: string, path: string): string {
  return join(root, path);
}

function failure(err: unknown): { ok: false; missing: boolean; reason: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const missing = code === 'ENOENT';
  const reason = err instanceof Error ? err.message : String(err);
  return { ok: false, missing, reason };
}

export async function readText(root: string, path: string): Promise<Read<string>> {
  try {
    const file = underRoot(root, path);
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, missing: false, reason: `${path} is a directory` };
    const buf = await readFile(file);
    return { ok: true, value: buf.subarray(0, MAX_FILE_BYTES).toString('utf8') };
  } catch (err) {
    return failure(err);
  }
}

export async function listDir(root: string, path: string): Promise<Read<string[]>> {
  try {
    return { ok: true, value: (await readdir(underRoot(root, path))).sort() };
  } catch (err) {
    return failure(err);
  }
}

export async function linkTarget(root: string, path: string): Promise<Read<string>> {
  try {
    return { ok: true, value: await readlink(underRoot(root, path)) };
  } catch (err) {
    return failure(err);
  }
}

export async function isDirectory(root: string, path: string): Promise<boolean> {
  try {
    return (await stat(underRoot(root, path))).isDirectory();
  } catch {
    return false;
  }
}

export async function exists(root: string, path: string): Promise<boolean> {
  try {
    await stat(underRoot(root, path));
    return true;
  } catch {
    return false;
  }
}
