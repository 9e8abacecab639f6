// Byte counts: lsblk/zpool human sizes (powers of 1024) to bytes, and bytes to a short IEC label.
const UNITS = ['B', 'K', 'M', 'G', 'T', 'P', 'E'];

/** `465.8G` -> bytes (lsblk rounds, so this is within 0.05 of a unit); plain digits are bytes. */
export function parseHumanSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([BKMGTPE])?(?:i?B)?$/i.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]);
  const power = UNITS.indexOf((m[2] ?? 'B').toUpperCase());
  if (!Number.isFinite(value) || power < 0) return null;
  const bytes = Math.round(value * 1024 ** power);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  const names = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < names.length - 1) {
    value /= 1024;
    i++;
  }
  const digits = i === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${names[i]}`;
}
