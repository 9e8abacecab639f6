// Game slugs name the prefix directory (~/Games/<slug>), the launcher and the Lutris entry.
const slugRe = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

export function isValidSlug(slug: string): boolean {
  return slugRe.test(slug);
}

/** "Baldur's Gate 3 (GOG)" -> "baldurs-gate-3-gog". Returns '' when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** A readable name from an installer file: "Gw2Setup-64.exe" -> "Gw2Setup 64". */
export function nameFromInstaller(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base
    .replace(/\.(exe|msi)$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim();
}
