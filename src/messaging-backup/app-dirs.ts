// Where each messaging app of the catalog keeps its data, relative to the user's home on Linux (XDG paths as the
// apps use them). Backed up with the guest's messaging data; a directory that does not exist (the app was never
// started) is skipped, not an error.
export const APP_DATA_DIRS: Record<string, string[]> = {
  signal: ['.config/Signal'],
  telegram: ['.local/share/TelegramDesktop'],
  discord: ['.config/discord'],
  slack: ['.config/Slack'],
  element: ['.config/Element'],
  // Karere (WhatsApp Web in WebKitGTK) keeps its session in WebKit's store under its application id.
  whatsapp: ['.local/share/karere', '.local/share/io.github.tobagin.karere'],
  zoom: ['.zoom', '.config/zoomus.conf'],
  teams: ['.config/teams-for-linux'],
  thunderbird: ['.thunderbird'],
  evolution: ['.local/share/evolution', '.config/evolution'],
  mumble: ['.local/share/Mumble', '.config/Mumble'],
  teamspeak: ['.config/TeamSpeak'],
  hexchat: ['.config/hexchat'],
  weechat: ['.config/weechat', '.local/share/weechat', '.weechat'],
};

export function dataDirsFor(apps: string[]): string[] {
  const dirs = new Set<string>();
  for (const a of apps) for (const d of APP_DATA_DIRS[a] ?? []) dirs.add(d);
  return [...dirs].sort();
}

/** Apps the catalog offers that have no known data directory (none today; a new catalog entry must add one). */
export function appsWithoutDirs(apps: string[]): string[] {
  return apps.filter((a) => !(a in APP_DATA_DIRS));
}
