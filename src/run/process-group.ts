// Each step runs in its own process group, so that stopping a step stops everything it started:
// TERM to the whole group, then KILL after a grace period, then wait until no member is left.
import { readdirSync, readFileSync } from 'node:fs';

/** Live (non-zombie) members of a process group, read from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return fallbackAlive(pgid) ? [pgid] : [];
  }
  for (const name of entries) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so parse after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] !== 'Z' && rest[0] !== 'X' && Number(rest[2]) === pgid) members.push(Number(name));
  }
  return members;
}

function fallbackAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitEmpty(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() >= until) return false;
    await sleep(Math.min(25, Math.max(1, until - Date.now())));
  }
}

/** TERM the group, KILL it after `graceMs` if anything is left. Resolves with how it ended. */
export async function stopGroup(pgid: number, graceMs: number): Promise<'empty' | 'terminated' | 'killed'> {
  if (groupMembers(pgid).length === 0) return 'empty';
  signalGroup(pgid, 'SIGTERM');
  if (await waitEmpty(pgid, graceMs)) return 'terminated';
  signalGroup(pgid, 'SIGKILL');
  await waitEmpty(pgid, 2000);
  return 'killed';
}

/** Synchronous last resort when nix-mox itself exits: no waiting is possible, so KILL at once. */
export function killGroupNow(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
