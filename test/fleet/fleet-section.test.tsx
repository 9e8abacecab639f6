// The hub's Fleet section: its line in the hub, and the view of a fleet: nodes with their guests, the backup jobs,
// what nothing backs up, scrolling, reading again, and esc back.
import { describe, expect, it } from 'vitest';
import { fleetLines } from '../../src/fleet/lines';
import { buildFleet } from '../../src/fleet/model';
import { parsePvecmStatus } from '../../src/fleet/pvecm';
import { parseBackupJobs, parseClusterResources } from '../../src/fleet/resources';
import { sectionList } from '../../screens/section-list';
import { FleetView, fleetSection } from '../../screens/sections/fleet';
import { sampleAnswers, sampleReport } from '../helpers/sample';
import { renderScreen } from '../helpers/screen';

const fleet = buildFleet({
  status: parsePvecmStatus(
    'Cluster information\n-------------------\nName:             homelab\nQuorate:          Yes\nExpected votes:   2\nTotal votes:      2\n',
  ),
  resources: parseClusterResources(
    JSON.stringify([
      { type: 'node', node: 'pve1', status: 'online' },
      { type: 'node', node: 'pve2', status: 'offline' },
      { type: 'lxc', vmid: 100, name: 'nixos-lxc', node: 'pve1', status: 'running', template: 0 },
      { type: 'qemu', vmid: 101, name: 'windows', node: 'pve1', status: 'running', template: 0 },
      { type: 'qemu', vmid: 102, name: 'nixos-vm', node: 'pve2', status: 'stopped', template: 0 },
    ]),
  ),
  jobs: parseBackupJobs(
    JSON.stringify([
      {
        id: 'backup-nightly',
        type: 'vzdump',
        enabled: 1,
        schedule: '03:00',
        storage: 'pbs',
        vmid: '100,102,107',
        mode: 'snapshot',
      },
    ]),
  ),
  localNode: 'pve1',
});

describe('the Fleet section', () => {
  it('sits right after Guests in the hub, and says what it shows', () => {
    const ids = sectionList.map((s) => s.id);
    expect(ids[ids.indexOf('guests') + 1]).toBe('fleet');
    const state = {
      report: sampleReport({ guests: [{ vmid: 100, kind: 'lxc', name: 'a', status: 'running' }] }),
      answers: sampleAnswers(),
      appliedAnswers: null,
      planOnlyReason: null,
      unsaved: false,
    };
    expect(fleetSection.status(state)).toEqual({
      kind: 'info',
      summary: "this node: 1 guest; open for every node and the cluster's backup jobs",
    });
  });

  it('lists each node with its guests, the jobs with what they cover, and what nothing backs up', () => {
    expect(fleetLines(fleet).map((l) => `${l.heading ? '' : '  '}${l.text}`)).toEqual([
      'Cluster homelab: quorate (2 of 2 votes)',
      'pve1 (this node): online, 2 guests',
      '  CT 100 nixos-lxc: running',
      '  VM 101 windows: running, in no backup job',
      'pve2: offline, 1 guest',
      '  VM 102 nixos-vm: stopped',
      'Backup jobs (cluster-wide): 1',
      '  backup-nightly: 03:00 → pbs, guests 100, 102, 107, snapshot; covers 2; 107 no longer exist',
      'Not backed up by any enabled job: 101 windows',
    ]);
  });

  it('shows the fleet, scrolls when it does not fit, reads again on r and goes back on esc', async () => {
    let reloads = 0;
    let back = false;
    const s = await renderScreen(
      <FleetView
        probe={{ fleet, problems: ['pvesh get /cluster/backup failed: permission denied'] }}
        onBack={() => (back = true)}
        onReload={() => reloads++}
        onHelp={() => {}}
        isActive
      />,
      { columns: 100, rows: 10 },
    );
    let frame = s.frame();
    expect(frame).toContain('Cluster homelab: quorate');
    expect(frame).toContain('lines 1-4 of 10');
    expect(frame).toContain('r read again');
    frame = await s.press('down');
    expect(frame).toContain('lines 2-5 of 10');
    expect(frame).not.toContain('Cluster homelab');
    await s.pressNoChange('r');
    expect(reloads).toBe(1);
    await s.pressNoChange('escape');
    expect(back).toBe(true);
    s.unmount();
  });

  it('says it is reading while the probe runs, and shows what failed', async () => {
    const loading = await renderScreen(
      <FleetView probe={null} onBack={() => {}} onReload={() => {}} onHelp={() => {}} isActive />,
    );
    expect(loading.frame()).toContain('Reading the cluster (pvecm status, pvesh get /cluster/resources)…');
    loading.unmount();
    const failed = await renderScreen(
      <FleetView
        probe={{
          fleet: null,
          problems: ['pvesh get /cluster/resources failed: ipcc_send_rec[1] failed: Connection refused'],
        }}
        onBack={() => {}}
        onReload={() => {}}
        onHelp={() => {}}
        isActive
      />,
    );
    expect(failed.frame()).toContain('The fleet could not be read.');
    expect(failed.frame()).toContain('ipcc_send_rec[1] failed: Connection refused');
    failed.unmount();
  });
});
