// Linux bridges from `ip -j -d link show`: the links whose linkinfo.info_kind is "bridge".
export const IP_LINK_ARGS = ['-j', '-d', 'link', 'show'];

export function parseIpBridges(text: string): string[] | null {
  if (text.trim() === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data)) return null;
  const names: string[] = [];
  for (const link of data) {
    if (typeof link !== 'object' || link === null) continue;
    const l = link as Record<string, unknown>;
    const info = l['linkinfo'];
    const kind =
      typeof info === 'object' && info !== null ? (info as Record<string, unknown>)['info_kind'] : null;
    const name = l['ifname'];
    if (kind !== 'bridge' || typeof name !== 'string' || !/^[^\s/]{1,15}$/.test(name)) continue;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
