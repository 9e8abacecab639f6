// The one place probes touch the machine: files are read as root + path, commands run from PATH as argv arrays.
import { constants } from 'node:fs';
import { accessSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import type { CommandResult, Host } from './types';

export const DEFAULT_TIMEOUT_MS = 5000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export const EXIT_NOT_FOUND = 127;
export const EXIT_NOT_EXECUTABLE = 126;
export const EXIT_TIMED_OUT = 124;

/**
 * Finds `cmd` on the PATH of `env` the way a shell would; null when it is not there. Synchronous on purpose: a few
 * stat calls cost microseconds, and the command then starts at once instead of queueing behind file probes.
 */
export function findOnPath(cmd: string, env: NodeJS.ProcessEnv): string | null {
  const candidates = cmd.includes('/')
    ? [cmd]
    : (env['PATH'] ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, cmd));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

/**
 * A Host over a real file-system root and the commands on `env.PATH`. `run` never throws: a missing command gives
 * code 127, a command that outlives the timeout is killed with its whole process group and gives code 124.
 */
export function createHost(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  defaults: { timeoutMs?: number } = {},
): Host {
  // Tools print their documented (English, untranslated) formats only in the C locale.
  const childEnv: NodeJS.ProcessEnv = { ...env, LC_ALL: 'C', LANG: 'C' };
  return {
    root,
    async run(cmd: string, args: string[], opts?: { timeoutMs?: number }): Promise<CommandResult> {
      const timeoutMs = opts?.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const file = findOnPath(cmd, env);
      if (!file) return { stdout: '', stderr: `${cmd}: command not found on PATH`, code: EXIT_NOT_FOUND };
      let timedOut = false;
      try {
        const child = execa(file, args, {
          env: childEnv,
          extendEnv: false,
          reject: false,
          stdin: 'ignore',
          detached: true,
          stripFinalNewline: false,
          maxBuffer: MAX_OUTPUT_BYTES,
          encoding: 'utf8',
        });
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, timeoutMs);
        const result = await child;
        clearTimeout(timer);
        const stdout = typeof result.stdout === 'string' ? result.stdout : '';
        const stderr = typeof result.stderr === 'string' ? result.stderr : '';
        if (timedOut) {
          return {
            stdout,
            stderr: `${stderr}${cmd}: timed out after ${timeoutMs} ms\n`,
            code: EXIT_TIMED_OUT,
          };
        }
        if (typeof result.exitCode === 'number') return { stdout, stderr, code: result.exitCode };
        const why = result.signal ? `killed by ${result.signal}` : (result.shortMessage ?? 'failed to start');
        const code = /EACCES/.test(String(result.shortMessage ?? '')) ? EXIT_NOT_EXECUTABLE : 1;
        return { stdout, stderr: `${stderr}${cmd}: ${why}\n`, code };
      } catch (err) {
        return {
          stdout: '',
          stderr: `${cmd}: ${err instanceof Error ? err.message : String(err)}\n`,
          code: 1,
        };
      }
    },
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
