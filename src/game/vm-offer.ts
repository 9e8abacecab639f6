// What the wizard says about a game whose anti-cheat refuses Linux: the truth, and the Windows VM instead.
import type { CatalogGame } from './types';

export interface BlockedExplanation {
  headline: string;
  why: string;
  offer: string[];
  caution: string;
}

export function blockedExplanation(game: CatalogGame): BlockedExplanation {
  const ac = game.antiCheat;
  return {
    headline: `${game.name} does not run under Wine or Proton on Linux.`,
    why: `${ac.explanation} (anti-cheat: ${ac.name ?? 'none'}; checked ${ac.checked})`,
    offer: [
      'Play it in the Windows VM instead: nix-mox sets up a Windows 11 VM on the Proxmox host with your GPU',
      'passed through, so the game runs on real Windows with the real graphics card.',
      '  1. On the Proxmox host run nix-mox and open the Passthrough section: choose the GPU (and a USB',
      '     controller for mouse and keyboard) and the Windows VM as their target.',
      '  2. In the Guests section enable the Windows VM, then Review & apply.',
      'Nothing was created here for this game.',
    ],
    caution:
      'Kernel-level anti-cheats may refuse to start inside a virtual machine; if it does, Windows installed on ' +
      'the machine itself (dual boot) is the fallback.',
  };
}

export function blockedText(game: CatalogGame): string[] {
  const e = blockedExplanation(game);
  return [e.headline, e.why, '', ...e.offer, '', e.caution];
}
