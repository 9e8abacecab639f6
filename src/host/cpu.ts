// CPU facts from /proc/cpuinfo: vendor, model, hardware threads, and whether SVM/VMX is exposed.
import type { HostReport } from './types';

export type CpuReport = HostReport['cpu'];

export function unknownCpu(): CpuReport {
  return { vendor: 'other', model: null, threads: null, virtualization: null };
}

export function parseCpuinfo(text: string): CpuReport {
  let threads = 0;
  let vendorId: string | null = null;
  let model: string | null = null;
  let flags: string[] | null = null;
  for (const line of text.split('\n')) {
    const m = /^([^:]+?)\s*:\s?(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.trim();
    const value = m[2]!.trim();
    if (key === 'processor' && /^\d+$/.test(value)) threads++;
    else if (key === 'vendor_id' && vendorId === null) vendorId = value;
    else if (key === 'model name' && model === null && value !== '') model = value;
    else if (key === 'flags' && flags === null) flags = value.split(/\s+/);
  }
  const vendor = vendorId === 'AuthenticAMD' ? 'amd' : vendorId === 'GenuineIntel' ? 'intel' : 'other';
  const virtualization = flags?.includes('svm') ? 'svm' : flags?.includes('vmx') ? 'vmx' : null;
  return { vendor, model, threads: threads > 0 ? threads : null, virtualization };
}

/** Whether the text has a flags line at all: without one, a missing svm/vmx says nothing. */
export function cpuinfoHasFlags(text: string): boolean {
  return /^flags\s*:/m.test(text);
}
