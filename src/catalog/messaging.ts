// Messaging and communication apps (DESIGN.md §4 seed list), by current nixpkgs attribute.
// Retired apps stay listed with the reason and what to use instead; they cannot be chosen.
import { type Catalog, type CatalogItem, catalogItem } from './types';

const app = (
  id: string,
  group: string,
  label: string,
  summary: string,
  packages: string[],
  extra: Partial<CatalogItem> = {},
): CatalogItem => catalogItem(id, group, label, summary, { packages, ...extra });

export const messagingCatalog: Catalog = {
  groups: [
    { id: 'primary', title: 'Primary messengers' },
    { id: 'video', title: 'Video calls' },
    { id: 'email', title: 'Email' },
    { id: 'voice-and-chat', title: 'Voice and chat' },
  ],
  items: [
    app('signal', 'primary', 'Signal', 'Signal Desktop, built from source', ['signal-desktop']),
    app('telegram', 'primary', 'Telegram', 'Telegram Desktop', ['telegram-desktop']),
    app('discord', 'primary', 'Discord', 'Discord (proprietary); Vesktop is an open client', ['discord'], {
      unfree: ['discord'],
      alternatives: ['vesktop'],
    }),
    app('slack', 'primary', 'Slack', 'Slack desktop client (proprietary)', ['slack'], { unfree: ['slack'] }),
    app('element', 'primary', 'Element', 'Element, the Matrix client (Wayland: set NIXOS_OZONE_WL=1)', [
      'element-desktop',
    ]),
    app(
      'whatsapp',
      'primary',
      'WhatsApp',
      'Karere, a GTK4 WhatsApp Web client; ZapZap is the Qt alternative',
      ['karere'],
      {
        unofficial: 'WhatsApp has no official Linux client; Karere wraps WhatsApp Web.',
        alternatives: ['zapzap'],
      },
    ),
    app('zoom', 'video', 'Zoom', 'Zoom meetings client (proprietary)', ['zoom-us'], { unfree: ['zoom-us'] }),
    app(
      'teams',
      'video',
      'Microsoft Teams',
      'Teams for Linux, an Electron client for Microsoft Teams',
      ['teams-for-linux'],
      {
        unofficial: "Microsoft's own `teams` package is macOS-only; teams-for-linux is a community client.",
      },
    ),
    app('skype', 'video', 'Skype', 'Retired', [], {
      retired: {
        reason: 'Microsoft shut Skype down in May 2025 and nixpkgs removed skypeforlinux',
        insteadId: 'teams',
        instead: 'Microsoft Teams (teams-for-linux)',
        goneAttrs: ['skypeforlinux'],
      },
    }),
    app('thunderbird', 'email', 'Thunderbird', 'Mozilla Thunderbird mail, calendar and chat', [
      'thunderbird',
    ]),
    app('evolution', 'email', 'Evolution', 'GNOME Evolution mail and calendar', ['evolution']),
    app('mumble', 'voice-and-chat', 'Mumble', 'Mumble low-latency voice chat', ['mumble']),
    app(
      'teamspeak',
      'voice-and-chat',
      'TeamSpeak',
      'TeamSpeak 6 client (proprietary; TeamSpeak 3 was removed)',
      ['teamspeak6-client'],
      {
        unfree: ['teamspeak6-client'],
      },
    ),
    app('hexchat', 'voice-and-chat', 'HexChat', 'HexChat IRC client (a GTK2 app)', ['hexchat']),
    app('weechat', 'voice-and-chat', 'WeeChat', 'WeeChat terminal chat client (IRC and more)', ['weechat']),
  ],
};

/** Ids that older answers (version 0) used, mapped to today's id, or to null when the app is retired. */
export const legacyMessagingIds: Record<string, string | null> = {
  'whatsapp-for-linux': 'whatsapp',
  wasistlos: 'whatsapp',
  teamspeak3: 'teamspeak',
  teamspeak_client: 'teamspeak',
  teamspeak5_client: 'teamspeak',
  skypeforlinux: null,
  skype: null,
  'signal-desktop': 'signal',
  'telegram-desktop': 'telegram',
  'element-desktop': 'element',
  'zoom-us': 'zoom',
  'teams-for-linux': 'teams',
};
