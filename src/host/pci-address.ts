// PCI addresses in one canonical form: `dddd:bb:dd.f`, lower-case, with the domain (0000 when lspci omits it).
const ADDRESS_RE = /^(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$/;

export function normalizeAddress(text: string): string | null {
  const m = ADDRESS_RE.exec(text.trim());
  if (!m) return null;
  const domain = (m[1] ?? '0000').toLowerCase().padStart(4, '0');
  return `${domain}:${m[2]!.toLowerCase()}:${m[3]!.toLowerCase()}.${m[4]}`;
}

/** The bus:device part shared by all functions of one card (`0000:01:00`). */
export function slotOf(address: string): string {
  const dot = address.lastIndexOf('.');
  return dot === -1 ? address : address.slice(0, dot);
}

function parts(address: string): number[] {
  return address.split(/[:.]/).map((p) => Number.parseInt(p, 16));
}

/** Orders addresses numerically (domains may be wider than four digits). */
export function compareAddress(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
