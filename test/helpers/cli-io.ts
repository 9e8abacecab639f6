// An in-memory Io for driving runCli in-process.
import { PassThrough } from 'node:stream';
import type { Io } from '../../src/commands/context';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(over: Partial<Io> = {}): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    interactive: false,
    env: { ...process.env },
    columns: 100,
    rows: 30,
    ...over,
    out: () => out,
    err: () => err,
  };
}
