// The Network section in the real hub: the SSH-carrying interface is shown locked with the reason and cannot be
// chosen as a port; free ports, host-only bridges and static addresses can; bridges the user made stay theirs.
import { afterEach, describe, expect, it } from 'vitest';
import { type Answers, AnswersSchema } from '../../src/answers/schema';
import type { ProbedNetwork } from '../../src/network/probe';
import { App } from '../../screens/App';
import { NetworkLoaderContext } from '../../screens/network/data';
import { networkSection } from '../../screens/sections/network';
import { renderScreen, type Screen } from '../helpers/screen';
import { sampleAnswers, sampleReport } from '../helpers/sample';
import { type FixtureHost, loadHost } from './fixtures';

interface Hub {
  s: Screen;
  current(): Answers;
}

let hub: Hub | null = null;
afterEach(() => {
  hub?.s.unmount();
  hub = null;
});

const flat = (frame: string): string => frame.replace(/\s+/g, ' ');
const pointer = (frame: string): string => frame.split('\n').find((l) => /^\s*›/.test(l)) ?? '';

/** As the defaults have them on a Proxmox host: both bridges on, host-only, no host address. */
function bridgesOn(): Answers {
  const a = sampleAnswers();
  const hostOnly = { enabled: true, port: null, address: 'manual' as const, cidr: null, gateway: null };
  return { ...a, network: { vmbr1: hostOnly, vmbr2: hostOnly } };
}

async function openNetwork(host: FixtureHost, answers: Answers = bridgesOn()): Promise<Hub> {
  const saves: Answers[] = [];
  const current: ProbedNetwork = { ...loadHost(host), problems: [] };
  const s = await renderScreen(
    <NetworkLoaderContext.Provider value={async () => current}>
      <App
        report={sampleReport()}
        initialAnswers={answers}
        appliedAnswers={null}
        planOnlyReason={null}
        save={(a) => {
          expect(AnswersSchema.safeParse(a).error?.issues ?? []).toEqual([]);
          saves.push(structuredClone(a));
          return true;
        }}
        onExit={() => {}}
        sections={[networkSection]}
      />
    </NetworkLoaderContext.Provider>,
    { columns: 120, rows: 40 },
  );
  expect(s.frame()).toContain('Network');
  await s.press('enter');
  await s.waitFor('Bridges');
  hub = { s, current: () => saves.at(-1) ?? answers };
  return hub;
}

async function focus(h: Hub, text: string): Promise<void> {
  for (let i = 0; i < 12 && !pointer(h.s.frame()).includes(text); i++) await h.s.press('down');
  expect(pointer(h.s.frame())).toContain(text);
}

describe('Network section', () => {
  it('shows the interface that carries the SSH session locked, with the reason', async () => {
    const h = await openNetwork('fresh');
    const f = flat(h.s.frame());
    expect(f).toContain(
      'enp5s0 nic · link up · in vmbr0 ✗ locked: carries your SSH session (192.168.1.50 → 192.168.1.10 on vmbr0); moving it would cut this connection',
    );
    expect(f).toContain('✗ locked: vmbr0 carries your SSH session (192.168.1.50 → 192.168.1.10 on vmbr0)');
    expect(f).toMatch(
      /vmbr0 NixOS guests, LAN · port enp5s0 · 192\.168\.1\.10\/24 via 192\.168\.1\.1 · locked \(SSH\)/,
    );
    expect(f).toContain('enp6s0 nic · no link · free');
  });

  it('refuses the locked port for vmbr1 with the reason and takes a free one', async () => {
    const h = await openNetwork('fresh');
    await focus(h, 'vmbr1');
    await h.s.press('enter');
    await h.s.waitFor('Network › vmbr1 · Windows VM');
    await focus(h, 'Port');
    await h.s.press('enter');
    await h.s.waitFor('Network › vmbr1 · Windows VM › Port');
    await focus(h, 'enp5s0');
    const refused = flat(await h.s.press('enter'));
    expect(refused).toContain(
      'Not available: carries your SSH session (192.168.1.50 → 192.168.1.10 on vmbr0); moving it would cut this connection',
    );
    expect(h.current().network.vmbr1.port).toBeNull();
    await focus(h, 'enp6s0');
    await h.s.press('enter');
    await h.s.waitFor(/Port\s+enp6s0/);
    expect(h.current().network.vmbr1).toMatchObject({ enabled: true, port: 'enp6s0', address: 'manual' });
  });

  it('locks a bond and both of its members when the session comes in over the bond', async () => {
    const h = await openNetwork('bond');
    const f = flat(h.s.frame());
    for (const row of [
      'eno1 nic · link up · in bond0',
      'eno2 nic · link up · in bond0',
      'bond0 bond · link up · in vmbr0',
    ]) {
      expect(f).toContain(`${row} ✗ locked: carries your SSH session (10.0.0.99 → 10.0.0.5 on vmbr0)`);
    }
    expect(f).toContain('enp4s0 nic · no link · free bond0');
  });

  it('sets a static address on vmbr2, refusing one that overlaps vmbr0 with a message naming the field', async () => {
    const h = await openNetwork('fresh');
    await focus(h, 'vmbr2');
    await h.s.press('enter');
    await focus(h, 'Address mode');
    await h.s.press('enter');
    await focus(h, 'static');
    await h.s.press('enter');
    await h.s.waitFor('Address/prefix:');
    for (const ch of '192.168.1.99/24') await h.s.press(ch);
    let f = flat(await h.s.press('enter'));
    expect(f).toContain("✗ cidr: 192.168.1.99/24 overlaps vmbr0's 192.168.1.10/24; pick another subnet");
    for (let i = 0; i < 15; i++) await h.s.press('backspace');
    for (const ch of '10.10.10.1/24') await h.s.press(ch);
    f = flat(await h.s.press('enter'));
    expect(f).toMatch(/Address 10\.10\.10\.1\/24/);
    expect(h.current().network.vmbr2).toMatchObject({
      enabled: true,
      address: 'static',
      cidr: '10.10.10.1/24',
      gateway: null,
    });
  });

  it('leaves a bridge the user made alone and says why', async () => {
    const h = await openNetwork('with-vmbr1');
    await focus(h, 'vmbr1');
    const f = flat(await h.s.press('enter'));
    expect(f).toContain(
      "Not available: vmbr1 is not nix-mox's (defined in /etc/network/interfaces:30); it stays as it is",
    );
    expect(f).toContain('vmbr1 port enp2s0 · no host address');
  });

  it('turns vmbr2 off with space, and says where the bridges will be written', async () => {
    const h = await openNetwork('sources-dir');
    expect(flat(h.s.frame())).toContain(
      'Bridges go to /etc/network/interfaces.d/nix-mox (the main file sources that directory)',
    );
    await focus(h, 'vmbr2');
    await h.s.press(' ');
    expect(h.current().network.vmbr2.enabled).toBe(false);
    expect(flat(h.s.frame())).toMatch(/vmbr2 Management network \(admin PC\) · off \(new\)/);
    await h.s.press(' ');
    expect(h.current().network.vmbr2.enabled).toBe(true);
  });
});
