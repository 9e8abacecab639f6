// Windows games the wizard knows, with what their anti-cheat allows and what they need under Wine.
// Anti-cheat support changes with publishers' decisions: each verdict carries the month it was checked.
import type { AntiCheat, CatalogGame, GameNeeds } from './types';

const none: GameNeeds = { verbs: [], dxvk: true, vkd3d: false, env: {}, exeNames: [] };

const blocked = (name: string, explanation: string): AntiCheat => ({
  name,
  verdict: 'blocked',
  explanation,
  checked: '2026-07',
});

const runs = (name: string | null, explanation: string): AntiCheat => ({
  name,
  verdict: 'runs',
  explanation,
  checked: '2026-07',
});

export const gameCatalog: CatalogGame[] = [
  {
    slug: 'league-of-legends',
    name: 'League of Legends',
    source: 'Riot Client installer',
    antiCheat: blocked(
      'Riot Vanguard',
      'Since 2024 League of Legends requires Riot Vanguard, a kernel-level anti-cheat driver that loads at ' +
        'Windows boot. It cannot run under Wine or Proton, so the game does not start on Linux.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'valorant',
    name: 'VALORANT',
    source: 'Riot Client installer',
    antiCheat: blocked(
      'Riot Vanguard',
      'VALORANT has required the Riot Vanguard kernel driver since its release; it does not run under Wine or Proton.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'fortnite',
    name: 'Fortnite',
    source: 'Epic Games Launcher',
    antiCheat: blocked(
      'Easy Anti-Cheat and BattlEye',
      'Epic has not enabled the Linux/Proton support of its anti-cheat for Fortnite; the game refuses to start.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'apex-legends',
    name: 'Apex Legends',
    source: 'EA app or Steam',
    antiCheat: blocked(
      'Easy Anti-Cheat',
      'Respawn blocked Linux and Proton players in November 2024; the anti-cheat refuses the Linux client.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'call-of-duty',
    name: 'Call of Duty (Warzone, Black Ops)',
    source: 'Battle.net or Steam',
    antiCheat: blocked(
      'RICOCHET',
      'RICOCHET is a kernel-level anti-cheat driver; Activision does not support Wine or Proton.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'battlefield-6',
    name: 'Battlefield 6',
    source: 'EA app or Steam',
    antiCheat: blocked(
      'EA Javelin',
      'Javelin is a kernel-level anti-cheat and the game requires Secure Boot on Windows; it does not run under Proton.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'destiny-2',
    name: 'Destiny 2',
    source: 'Steam',
    antiCheat: blocked(
      'BattlEye',
      'Bungie has not enabled BattlEye for Proton; Linux players are kicked or banned.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'rainbow-six-siege',
    name: 'Rainbow Six Siege',
    source: 'Ubisoft Connect or Steam',
    antiCheat: blocked(
      'BattlEye',
      'Ubisoft has not enabled BattlEye for Proton; the game does not start on Linux.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'pubg',
    name: 'PUBG: Battlegrounds',
    source: 'Steam',
    antiCheat: blocked(
      'BattlEye',
      'Krafton has not enabled BattlEye for Proton; the game does not start on Linux.',
    ),
    needs: none,
    notes: [],
  },
  {
    slug: 'world-of-warcraft',
    name: 'World of Warcraft (Battle.net)',
    source: 'Battle.net-Setup.exe from blizzard.com',
    antiCheat: runs(
      'Warden',
      "Blizzard's Warden runs in user space and works under Wine; Blizzard does not support Linux.",
    ),
    needs: {
      verbs: ['corefonts'],
      dxvk: true,
      vkd3d: true,
      env: {},
      exeNames: ['Battle.net Launcher.exe', 'Battle.net.exe'],
    },
    notes: ['Install the game from inside Battle.net once the launcher is set up.'],
  },
  {
    slug: 'guild-wars-2',
    name: 'Guild Wars 2',
    source: 'Gw2Setup-64.exe from guildwars2.com',
    antiCheat: runs(null, 'No kernel anti-cheat; ArenaNet tolerates Wine and Proton.'),
    needs: { ...none, exeNames: ['Gw2-64.exe'] },
    notes: [],
  },
  {
    slug: 'path-of-exile',
    name: 'Path of Exile',
    source: 'PathOfExileInstaller.exe from pathofexile.com',
    antiCheat: runs(null, 'No kernel anti-cheat; the standalone client runs under Wine.'),
    needs: { ...none, exeNames: ['PathOfExile.exe', 'PathOfExile_x64.exe'] },
    notes: [],
  },
  {
    slug: 'the-witcher-3',
    name: 'The Witcher 3: Wild Hunt (GOG)',
    source: 'GOG offline installer',
    antiCheat: runs(null, 'No anti-cheat.'),
    needs: { verbs: [], dxvk: true, vkd3d: true, env: {}, exeNames: ['witcher3.exe'] },
    notes: ['The DirectX 12 build runs through VKD3D-Proton; the DirectX 11 build through DXVK.'],
  },
  {
    slug: 'cyberpunk-2077',
    name: 'Cyberpunk 2077 (GOG)',
    source: 'GOG offline installer',
    antiCheat: runs(null, 'No anti-cheat.'),
    needs: { verbs: ['vcrun2022'], dxvk: true, vkd3d: true, env: {}, exeNames: ['Cyberpunk2077.exe'] },
    notes: ['A DirectX 12 game: it needs a GPU with Vulkan 1.3.'],
  },
];

export function findGame(slug: string): CatalogGame | undefined {
  return gameCatalog.find((g) => g.slug === slug);
}

/** Needs of "another Windows game": DXVK and VKD3D-Proton cover Direct3D 9 to 12; no extra verbs. */
export const customGameNeeds: GameNeeds = { verbs: [], dxvk: true, vkd3d: true, env: {}, exeNames: [] };
