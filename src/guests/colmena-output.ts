// colmena's plain output (`--verbose`, src/progress/plain.rs): one line per event on stderr,
// `{label:>width} | {text}`, where the label is the node name, `(...)` for a job over several nodes, and empty for
// the deployment as a whole. A node's switch succeeded when its activation job says "Activation successful"
// (Goal::Switch's success_str); any other end is a failure whose last line says why.

export interface ColmenaLine {
  label: string;
  text: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function parseColmenaLine(line: string): ColmenaLine | null {
  const m = /^\s*(\S*) \| (.*)$/.exec(line.replace(ANSI, ''));
  return m ? { label: m[1]!, text: m[2]! } : null;
}

export const ACTIVATION_OK = 'Activation successful';

export interface NodeResult {
  ok: boolean;
  /** The node's last line (the failure message when it failed). */
  last: string;
}

export function nodeResults(lines: string[], nodes: string[]): Map<string, NodeResult> {
  const out = new Map<string, NodeResult>(
    nodes.map((n) => [n, { ok: false, last: 'colmena did not report on it' }]),
  );
  let shared = '';
  for (const raw of lines) {
    const l = parseColmenaLine(raw);
    if (!l) continue;
    const r = out.get(l.label);
    if (r) {
      r.last = l.text;
      if (l.text === ACTIVATION_OK) r.ok = true;
    } else if (l.label === '(...)' && /fail/i.test(l.text)) {
      // A build or evaluation over several nodes failed: it is every such node's reason.
      shared = l.text;
    }
  }
  if (shared)
    for (const r of out.values()) if (!r.ok && r.last === 'colmena did not report on it') r.last = shared;
  return out;
}

/** `colmena apply switch` for the given nodes of the flake's `colmena` hive. */
export function colmenaApplyArgv(flakeDir: string, nodes: string[]): string[] {
  return [
    'colmena',
    '--config',
    `${flakeDir}/flake.nix`,
    'apply',
    'switch',
    '--on',
    nodes.join(','),
    '--verbose',
  ];
}
