// Runs a command in a real pseudo-terminal (util-linux `script`) and times how long until a text appears.
import { spawn } from 'node:child_process';

export interface PtyTiming {
  ms: number;
  output: string;
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * Milliseconds from spawn until `until` appears in the terminal output (or until exit when `until` is null).
 * `script -c` takes one command line; the arguments are quoted here and nowhere else.
 */
export function timeInPty(
  argv: string[],
  until: RegExp | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PtyTiming> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // A pty started without a terminal has size 0x0: give it a real size first (both sides pay the same stty).
    const line = `stty cols 100 rows 30 && exec ${argv.map(quote).join(' ')}`;
    const child = spawn('script', ['-qfec', line, '/dev/null'], {
      env: { ...env, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      child.kill('SIGKILL');
      resolve({ ms, output });
    };
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (until?.test(output.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ''))) finish();
    });
    child.on('exit', () => {
      if (until === null) finish();
      else if (!done) reject(new Error(`exited before ${String(until)} appeared; output:\n${output}`));
    });
    setTimeout(() => {
      if (!done) {
        child.kill('SIGKILL');
        reject(new Error(`timed out waiting for ${String(until)}; output:\n${output}`));
      }
    }, 20_000);
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
