// Installed memory as the kernel sees it: MemTotal from /proc/meminfo, in bytes.
export function parseMeminfo(text: string): number | null {
  const m = /^MemTotal:\s*(\d+)\s*kB\s*$/m.exec(text);
  if (!m) return null;
  const bytes = Number(m[1]) * 1024;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}
