// Replication of the messaging dataset to a second pool or an external disk: `zfs send` piped into `zfs receive`,
// two argv processes joined by a pipe in Node (never a shell string). Incremental from the newest snapshot both
// sides have; a full send only into a dataset that does not exist yet, so nothing unrelated is ever overwritten.
import { spawn } from 'node:child_process';
import { Transform } from 'node:stream';
import { commandFor } from '../run/sudo';

export type SendPlan =
  | { kind: 'full'; to: string }
  | { kind: 'incremental'; from: string; to: string }
  | { kind: 'up-to-date'; to: string }
  | { kind: 'error'; message: string };

/** Snapshot names (after @) of `dataset`, oldest first, from `zfs list -H -p -t snapshot -o name,creation -s creation`. */
export function snapshotNames(listing: string, dataset: string): string[] {
  return listing
    .split('\n')
    .map((l) => l.split('\t')[0] ?? '')
    .filter((n) => n.startsWith(`${dataset}@`))
    .map((n) => n.slice(dataset.length + 1));
}

export function planSend(
  source: string[],
  target: string[] | null,
  dataset: string,
  targetDataset: string,
): SendPlan {
  const latest = source[source.length - 1];
  if (!latest) return { kind: 'error', message: `${dataset} has no snapshot to send` };
  if (target === null) return { kind: 'full', to: latest };
  const common = [...source].reverse().find((s) => target.includes(s));
  if (!common) {
    return {
      kind: 'error',
      message: `${targetDataset} exists but has no snapshot in common with ${dataset}; nix-mox does not overwrite it (choose another target, or destroy it yourself)`,
    };
  }
  if (common === latest) return { kind: 'up-to-date', to: latest };
  return { kind: 'incremental', from: common, to: latest };
}

export function sendArgv(
  p: Extract<SendPlan, { kind: 'full' | 'incremental' }>,
  dataset: string,
  dryRun = false,
): string[] {
  return [
    'zfs',
    'send',
    ...(dryRun ? ['-n', '-P'] : []),
    ...(p.kind === 'incremental' ? ['-I', `${dataset}@${p.from}`] : []),
    `${dataset}@${p.to}`,
  ];
}

/** -u: do not mount the copy; -F only for an incremental into our own earlier copy (drops changes made there). */
export function receiveArgv(
  p: Extract<SendPlan, { kind: 'full' | 'incremental' }>,
  target: string,
): string[] {
  return ['zfs', 'receive', '-u', ...(p.kind === 'incremental' ? ['-F'] : []), target];
}

/** `zfs send -n -P`: the `size<TAB>bytes` line. */
export function parseEstimate(text: string): number | null {
  const m = /^size\s+(\d+)\s*$/m.exec(text);
  return m ? Number(m[1]) : null;
}

export interface PipeResult {
  sendCode: number;
  receiveCode: number;
  bytes: number;
  cancelled: boolean;
}

export interface PipeOptions {
  env: Record<string, string>;
  asRoot: boolean;
  signal?: AbortSignal;
  onBytes(total: number): void;
  onLine(text: string, from: 'send' | 'receive'): void;
}

function lines(stream: NodeJS.ReadableStream, each: (l: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p.trim() !== '') each(p);
  });
  stream.on('end', () => {
    if (rest.trim() !== '') each(rest);
  });
}

/** Runs `send | receive`. A receive that dies stops the send (its pipe breaks); a cancel stops both. */
export function runPipe(send: string[], receive: string[], opts: PipeOptions): Promise<PipeResult> {
  const env = { ...process.env, ...opts.env };
  const a = commandFor(send, {}, true, opts.asRoot);
  const b = commandFor(receive, {}, true, opts.asRoot);
  return new Promise((resolve) => {
    let bytes = 0;
    let cancelled = false;
    const tx = spawn(a[0]!, a.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const rx = spawn(b[0]!, b.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        opts.onBytes(bytes);
        done(null, chunk);
      },
    });
    tx.stdout.pipe(count).pipe(rx.stdin);
    rx.stdin.on('error', () => {}); // EPIPE when receive exits first: reported by its exit code
    lines(tx.stderr, (l) => opts.onLine(l, 'send'));
    lines(rx.stderr, (l) => opts.onLine(l, 'receive'));
    lines(rx.stdout, (l) => opts.onLine(l, 'receive'));
    const onAbort = () => {
      cancelled = true;
      tx.kill('SIGTERM');
      rx.kill('SIGTERM');
    };
    opts.signal?.addEventListener('abort', onAbort);
    let sendCode: number | null = null;
    let receiveCode: number | null = null;
    const finish = () => {
      if (sendCode === null || receiveCode === null) return;
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ sendCode, receiveCode, bytes, cancelled });
    };
    const code = (c: number | null, sig: NodeJS.Signals | null) => c ?? (sig ? 128 + 15 : 1);
    tx.on('error', () => {
      sendCode = 127;
      rx.stdin.end();
      finish();
    });
    rx.on('error', () => {
      receiveCode = 127;
      tx.kill('SIGTERM');
      finish();
    });
    tx.on('close', (c, sig) => {
      sendCode ??= code(c, sig);
      finish();
    });
    rx.on('close', (c, sig) => {
      receiveCode ??= code(c, sig);
      if (receiveCode !== 0 && sendCode === null) tx.kill('SIGTERM');
      finish();
    });
  });
}
