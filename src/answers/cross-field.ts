// Rules that tie several keys together. Each issue names the key path it is about and the expected form.
import type { Answers } from './schema';

export interface KeyIssue {
  path: (string | number)[];
  /** The expected form, worded to follow "expected". */
  message: string;
  input: unknown;
}

export const GUEST_KEYS = ['nixosLxc', 'windowsVm', 'nixosVm'] as const;
export const VM_GUEST_KEYS = ['windowsVm', 'nixosVm'] as const;

/** Smallest disk counts per layout: a mirror needs 2, raidz1 3 and raidz2 4 for the layout to make sense. */
export const MIN_DISKS = { mirror: 2, raidz1: 3, raidz2: 4 } as const;

const slot = (address: string) => address.slice(0, address.lastIndexOf('.'));

export function crossFieldIssues(a: Answers): KeyIssue[] {
  const issues: KeyIssue[] = [];

  const seen = new Map<number, string>();
  for (const key of GUEST_KEYS) {
    const g = a.guests[key];
    if (!g.enabled) continue;
    const other = seen.get(g.vmid);
    if (other) {
      issues.push({
        path: ['guests', key, 'vmid'],
        input: g.vmid,
        message: `a VMID not already used by guests.${other}`,
      });
    } else seen.set(g.vmid, key);
  }

  const p = a.passthrough;
  if (p.gpu === null && p.functions.length > 0) {
    issues.push({
      path: ['passthrough', 'functions'],
      input: p.functions,
      message: 'an empty list while passthrough.gpu is null',
    });
  }
  if (p.gpu !== null) {
    if (!p.functions.includes(p.gpu)) {
      issues.push({
        path: ['passthrough', 'functions'],
        input: p.functions,
        message: `every function of the GPU, including ${p.gpu} itself (a GPU always goes whole)`,
      });
    }
    p.functions.forEach((f, i) => {
      if (slot(f) !== slot(p.gpu ?? '')) {
        issues.push({
          path: ['passthrough', 'functions', i],
          input: f,
          message: `a function of the GPU at ${slot(p.gpu ?? '')} (same bus and device)`,
        });
      }
    });
  }
  p.usbControllers.forEach((u, i) => {
    if (p.usbControllers.indexOf(u) !== i) {
      issues.push({ path: ['passthrough', 'usbControllers', i], input: u, message: 'each controller once' });
    } else if (p.functions.includes(u)) {
      issues.push({
        path: ['passthrough', 'usbControllers', i],
        input: u,
        message: 'a controller that is not already passed as a function of the GPU',
      });
    }
  });
  const passing = p.gpu !== null || p.usbControllers.length > 0;
  if (passing && a.machine.role === 'proxmox-host') {
    const vms = VM_GUEST_KEYS.filter((k) => a.guests[k].enabled).map((k) => a.guests[k].vmid);
    if (p.targetVmid === null || !vms.includes(p.targetVmid)) {
      issues.push({
        path: ['passthrough', 'targetVmid'],
        input: p.targetVmid,
        message: `the VMID of an enabled VM that receives the devices (${vms.length ? vms.join(' or ') : 'enable guests.windowsVm or guests.nixosVm'})`,
      });
    }
  }

  const pool = a.storage.newPool;
  if (pool) {
    pool.disks.forEach((d, i) => {
      if (pool.disks.indexOf(d) !== i) {
        issues.push({ path: ['storage', 'newPool', 'disks', i], input: d, message: 'each disk once' });
      }
    });
    const min = MIN_DISKS[pool.layout];
    if (pool.disks.length < min) {
      issues.push({
        path: ['storage', 'newPool', 'disks'],
        input: pool.disks,
        message: `at least ${min} disks for ${pool.layout}`,
      });
    }
  }
  a.storage.datasets.forEach((d, i) => {
    if (a.storage.datasets.indexOf(d) !== i) {
      issues.push({ path: ['storage', 'datasets', i], input: d, message: 'each dataset once' });
    }
  });
  if (a.storage.datasets.length > 0 && a.storage.datasetPool === null) {
    issues.push({
      path: ['storage', 'datasetPool'],
      input: null,
      message: 'the pool that holds storage.datasets (they are not empty)',
    });
  }

  return issues;
}
