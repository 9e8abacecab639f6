// Checking command-line values at the edge, with messages that name the option.

export class OptionError extends Error {}

/** commander collector for repeatable options: `--pool a --pool b`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function wholeNumber(flag: string, value: unknown, min: number, max = 1_000_000): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new OptionError(`${flag} '${text}': a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

const ZFS_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_.:-]+)*$/;
export function zfsName(flag: string, value: string): string {
  if (!ZFS_NAME.test(value)) throw new OptionError(`${flag} '${value}' is not a ZFS pool or dataset name`);
  return value;
}

const LABEL = /^[a-z0-9][a-z0-9-]{0,31}$/;
export function snapshotLabel(flag: string, value: string): string {
  if (!LABEL.test(value)) {
    throw new OptionError(`${flag} '${value}': use a-z, 0-9 and -, at most 32 characters, no underscore`);
  }
  return value;
}

const STORAGE = /^[A-Za-z][A-Za-z0-9._-]*$/;
export function storageId(flag: string, value: string): string {
  if (!STORAGE.test(value)) throw new OptionError(`${flag} '${value}' is not a Proxmox storage id`);
  return value;
}

export function vmid(flag: string, value: string): number {
  if (!/^[1-9]\d{2,8}$/.test(value)) {
    throw new OptionError(`${flag} '${value}': a guest id is a whole number from 100 to 999999999`);
  }
  return Number(value);
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
export function hostName(flag: string, value: string): string {
  if (!HOST.test(value)) throw new OptionError(`${flag} '${value}' is not a host name`);
  return value;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new OptionError(`${flag} '${value}': one of ${allowed.join(', ')}`);
  }
  return value as T;
}
