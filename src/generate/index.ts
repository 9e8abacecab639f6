// generate(answers, report) -> FileSet: every file nix-mox writes, as data. Pure: no clock, no machine; the
// fragments and scripts it copies are files of the nix-mox package itself. Sorted by path, byte-stable.
import type { Answers } from '../answers/schema';
import type { HostReport } from '../host/types';
import { flakeNix, shellFragment } from './flake';
import { flakeOutputBindings, flakeScriptFiles } from './flake-outputs';
import { desiredHostState, hostStateJson } from './host-state';
import { nixosMachines } from './machines';
import { HOST_SCRIPTS, maintenanceUnits, scriptEntries } from './maintenance';
import { type GenerateInputs, fragmentClosure, hardwareNix, hostDefaultNix, platformOf } from './nixos';
import { packageFile } from './package-files';
import { passthroughModel } from './passthrough';
import { FLAKE_DIR, ROOT_OWNER, SCRIPTS_DIR, STATE_FILE } from './paths';
import { kernelCmdlineEntry, vfioEntries } from './proxmox';
import type { FileEntry, FileSet } from './types';

export type { GenerateInputs } from './nixos';

const flakeFile = (relative: string, content: string): FileEntry => ({
  path: `${FLAKE_DIR}/${relative}`,
  content,
  mode: 0o644,
  owner: ROOT_OWNER,
});

function flakeFiles(answers: Answers, report: HostReport, inputs: GenerateInputs): FileEntry[] {
  const pt = passthroughModel(answers, report);
  const machines = nixosMachines(answers, report);
  const shells = answers.shells.filter((s, i, all) => all.indexOf(s) === i).sort();
  if (machines.length === 0 && shells.length === 0) return [];
  const fragments = fragmentClosure([...machines.flatMap((m) => m.fragments), ...shells.map(shellFragment)]);
  const outputs = flakeOutputBindings({ machines, fragments, shells, system: platformOf(report) });
  const files: FileEntry[] = [
    flakeFile('flake.nix', flakeNix(answers.machine.hostname, machines, shells, outputs)),
  ];
  for (const m of machines) {
    files.push(
      flakeFile(`hosts/${m.name}/default.nix`, hostDefaultNix(m, answers, report, pt, inputs)),
      flakeFile(`hosts/${m.name}/hardware.nix`, hardwareNix(m, answers, report, pt, inputs)),
    );
  }
  for (const f of fragments) files.push(flakeFile(`fragments/${f}.nix`, packageFile(`fragments/${f}.nix`)));
  files.push(...flakeScriptFiles());
  return files;
}

function proxmoxFiles(answers: Answers, report: HostReport): FileEntry[] {
  const pt = passthroughModel(answers, report);
  const cmdline = kernelCmdlineEntry(report, pt);
  const state = desiredHostState(answers, report, pt);
  return [
    ...(cmdline ? [cmdline] : []),
    ...vfioEntries(pt),
    ...scriptEntries(HOST_SCRIPTS, SCRIPTS_DIR),
    ...maintenanceUnits(answers),
    { path: STATE_FILE, content: hostStateJson(state), mode: 0o644, owner: ROOT_OWNER },
  ];
}

export function generate(answers: Answers, report: HostReport, inputs: GenerateInputs = {}): FileSet {
  const files = [
    ...(answers.machine.role === 'proxmox-host' ? proxmoxFiles(answers, report) : []),
    ...flakeFiles(answers, report, inputs),
  ];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`generate: two files for ${f.path}`);
    seen.add(f.path);
  }
  return sortFileSet(files);
}

/** FileSets are sorted by path so that the same input gives the same bytes. */
export function sortFileSet(files: FileSet): FileSet {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
