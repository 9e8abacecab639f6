// colmena apply (0.4): deploys modelled NixOS guests (nixos-guest.mjs) named in the flake's `colmena` hive.
// With --verbose the output is PlainOutput's (src/progress/plain.rs): `{label:>width} | {text}` on stderr, label =
// node, `(...)` for a job over several nodes, empty for the deployment; texts from src/job.rs
// (describe_state_transition: "Evaluating a, b, and c", "Pushing system closure", "Activating system profile",
// "Activation failed: ...") and Goal::Switch's "Activation successful"; failures end with tracing's
// "Failed to deploy to <node> - Last N lines of logs:" and exit 1. The [INFO ] lines are an approximation.
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deployToGuest, readGuestsModel } from '../nixos-guest.mjs';
import { ShimExit, runShim } from '../shim-runtime.mjs';

const GOALS = ['build', 'push', 'switch', 'boot', 'test', 'dry-activate', 'keys'];

/** "alpha, beta, and gamma" as src/job.rs describe_node_list writes it (without the 40-character cut). */
const nodeList = (/** @type {string[]} */ n) =>
  n.length <= 2 ? n.join(' and ') : `${n.slice(0, -1).join(', ')}, and ${n[n.length - 1]}`;

runShim('colmena', ({ argv, err }) => {
  let config = null;
  let sub = null;
  let goal = 'switch';
  let on = null;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '-f' || a === '--config') config = argv[++i] ?? null;
    else if (a === '--on') on = argv[++i] ?? null;
    else if (a === '-v' || a === '--verbose') verbose = true;
    else if (a === '-p' || a === '--parallel' || a === '--eval-node-limit') i++;
    else if (a.startsWith('-')) continue;
    else if (sub === null) sub = a;
    else if (sub === 'apply') goal = a;
  }
  if (sub !== 'apply')
    throw new ShimExit(70, `nix-mox shim: 'colmena ${sub ?? ''}' is not simulated (only apply)\n`);
  if (!GOALS.includes(goal)) {
    throw new ShimExit(
      2,
      `error: "${goal}" isn't a valid value for '<GOAL>'\n\t[possible values: ${GOALS.join(', ')}]\n`,
    );
  }
  if (goal !== 'switch')
    throw new ShimExit(70, `nix-mox shim: colmena apply ${goal} is not simulated (only switch)\n`);
  if (!verbose) throw new ShimExit(70, 'nix-mox shim: only the plain output (--verbose) is simulated\n');
  if (!config || !existsSync(config)) {
    throw new ShimExit(
      1,
      `[ERROR] Could not find \`hive.nix\` or \`flake.nix\` in "${config ?? process.cwd()}" or any parent directory\n`,
    );
  }
  const text = readFileSync(config, 'utf8');
  if (!/^\s*colmena\s*=/m.test(text)) {
    throw new ShimExit(
      1,
      '[ERROR] -----\n[ERROR] Operation failed with error: Child process exited with error code: 1\nerror: Flake must define outputs.colmena.\n',
    );
  }
  // The hive's nodes: modelled guests that the colmena output defines (`name = {` inside the flake).
  const hive = Object.keys(readGuestsModel()).filter((n) =>
    new RegExp(`^\\s*"?${n.replace(/[.-]/g, '\\$&')}"?\\s*=`, 'm').test(text),
  );
  const wanted = on === null ? hive : on.split(',').filter((x) => x !== '');
  const nodes = hive.filter((n) => wanted.includes(n));
  err(`[INFO ] Using flake: path:${dirname(config)}\n[INFO ] Enumerating nodes...\n`);
  err(
    nodes.length === hive.length
      ? `[INFO ] Selected all ${nodes.length} nodes.\n`
      : `[INFO ] Selected ${nodes.length} out of ${hive.length} hosts.\n`,
  );
  if (nodes.length === 0) return 0;
  const width = Math.max(5, ...nodes.map((n) => n.length));
  const line = (/** @type {string} */ label, /** @type {string} */ t) =>
    err(`${label.padStart(width)} | ${t}\n`);
  const group = nodes.length === 1 ? /** @type {string} */ (nodes[0]) : '(...)';
  line(group, `Evaluating ${nodeList(nodes)}`);
  line(group, `Evaluated ${nodeList(nodes)}`);
  line(group, `Building ${nodeList(nodes)}`);
  /** @type {{ node: string, logs: string[], error: string }[]} */
  const failures = [];
  const results = nodes.map((n) => ({ node: n, r: deployToGuest(n) }));
  const buildFailed = results.filter((x) => x.r.stage === 'build');
  if (buildFailed.length > 0) {
    // One build job covers every node of the chunk: one node's failure fails them all.
    for (const x of buildFailed) for (const l of x.r.stderr.split('\n').filter(Boolean)) line(group, l);
    line(group, 'Build failed: Child process exited with error code: 1');
    err(`      | Failed: Child process exited with error code: 1\n`);
    err(
      `[ERROR] Failed to build ${nodeList(nodes)} - Last 1 lines of logs:\n[ERROR]  failure) Child process exited with error code: 1\n`,
    );
    return 1;
  }
  line(group, `Built ${nodeList(nodes)}`);
  for (const { node, r } of results) {
    line(node, 'Pushing system closure');
    if (r.stage === 'push' || r.stage === 'eval') {
      const logs = r.stderr.split('\n').filter(Boolean);
      for (const l of logs) line(node, l);
      line(node, `Push failed: Child process exited with error code: ${r.code}`);
      failures.push({ node, logs, error: `Child process exited with error code: ${r.code}` });
      continue;
    }
    line(node, 'Pushed system closure');
    line(node, 'Activating system profile');
    const logs = [...r.stdout.split('\n'), ...r.stderr.split('\n')].filter(Boolean);
    for (const l of logs) line(node, l);
    if (r.code === 0) line(node, 'Activation successful');
    else {
      line(node, `Activation failed: Child process exited with error code: ${r.code}`);
      failures.push({ node, logs, error: `Child process exited with error code: ${r.code}` });
    }
  }
  if (failures.length === 0) {
    err(`${''.padStart(width)} | All done!\n`);
    return 0;
  }
  err(`${''.padStart(width)} | Failed: ${failures[0]?.error}\n`);
  for (const f of failures) {
    const last = [...f.logs.map((l) => `  stderr) ${l}`), ` failure) ${f.error}`];
    err(
      `[ERROR] Failed to deploy to ${f.node} - Last ${last.length} lines of logs:\n${last.map((l) => `[ERROR] ${l}\n`).join('')}`,
    );
  }
  return 1;
});
