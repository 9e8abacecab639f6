// Full detection against the slowest single command it runs, measured in the same run, interleaved round by round:
// detection starts every probe at once, so on a good day it costs little more than its slowest command.
// Two machines: the demo host (its shims are Node scripts) and this machine (real lspci, lsblk, ip).
import { detect } from '../../src/host/detect';
import { createHost } from '../../src/host/host';
import type { Host } from '../../src/host/types';
import { demoEnv, demoRoot } from '../helpers/demo.mjs';
import { median } from './pty';
import type { BenchResult } from './types';

const GOAL = 1.5;

async function measure(
  name: string,
  root: string,
  env: NodeJS.ProcessEnv,
  rounds: number,
): Promise<BenchResult> {
  const host = createHost(root, env);
  const calls: { cmd: string; args: string[] }[] = [];
  const recording: Host = {
    root,
    run(cmd, args, opts) {
      calls.push({ cmd, args });
      return host.run(cmd, args, opts);
    },
  };
  await detect(recording); // warm-up, and the list of commands detection runs here
  const full: number[] = [];
  const single = new Map<string, number[]>(calls.map((c) => [[c.cmd, ...c.args].join(' '), []]));
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await detect(host);
    full.push(performance.now() - t);
    for (const c of calls) {
      t = performance.now();
      await host.run(c.cmd, c.args);
      single.get([c.cmd, ...c.args].join(' '))!.push(performance.now() - t);
    }
  }
  const [slowest, times] = [...single.entries()].sort((a, b) => median(b[1]) - median(a[1]))[0]!;
  const ratio = median(full) / median(times);
  return {
    name: `detect: ${name}`,
    baseline: `slowest command: ${slowest} (median ${median(times).toFixed(0)} ms)`,
    ratio,
    goal: `<= ${GOAL}x`,
    pass: ratio <= GOAL,
    detail: `median ${median(full).toFixed(0)} ms for ${calls.length} commands and the file probes, ${rounds} rounds`,
  };
}

export async function bench(): Promise<BenchResult[]> {
  const demo = demoEnv();
  try {
    return [
      await measure('demo host', demoRoot, demo.env, 7),
      await measure('this machine', '/', process.env, 15),
    ];
  } finally {
    demo.cleanup();
  }
}
