// Reads the fleet, read-only, from the node nix-mox runs on: `pvecm status` (absent cluster is fine),
// `pvesh get /cluster/resources` and `pvesh get /cluster/backup`. Works on a single node too.
import type { Host } from '../host/types';
import { type Fleet, buildFleet } from './model';
import { NOT_CLUSTERED, parsePvecmStatus } from './pvecm';
import { parseBackupJobs, parseClusterResources } from './resources';

export interface FleetProbe {
  fleet: Fleet | null;
  /** What could not be read, in words (the fleet is still built from the rest when possible). */
  problems: string[];
}

const first = (t: string) =>
  t
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '') ?? '';

export async function probeFleet(host: Host, localNode: string | null): Promise<FleetProbe> {
  const problems: string[] = [];
  const pvecm = await host.run('pvecm', ['status'], { timeoutMs: 15_000 });
  let status = null;
  if (pvecm.code === 0) {
    status = parsePvecmStatus(pvecm.stdout);
    if (!status) problems.push('pvecm status printed nothing nix-mox can read');
  } else if (!NOT_CLUSTERED.test(pvecm.stderr)) {
    problems.push(`pvecm status failed: ${first(pvecm.stderr) || `exit ${pvecm.code}`}`);
  }
  const res = await host.run('pvesh', ['get', '/cluster/resources', '--output-format', 'json'], {
    timeoutMs: 30_000,
  });
  if (res.code !== 0) {
    problems.push(`pvesh get /cluster/resources failed: ${first(res.stderr) || `exit ${res.code}`}`);
    return { fleet: null, problems };
  }
  const jobsRun = await host.run('pvesh', ['get', '/cluster/backup', '--output-format', 'json'], {
    timeoutMs: 30_000,
  });
  if (jobsRun.code !== 0)
    problems.push(`pvesh get /cluster/backup failed: ${first(jobsRun.stderr) || `exit ${jobsRun.code}`}`);
  return {
    fleet: buildFleet({
      status,
      resources: parseClusterResources(res.stdout),
      jobs: jobsRun.code === 0 ? parseBackupJobs(jobsRun.stdout) : [],
      localNode,
    }),
    problems,
  };
}
