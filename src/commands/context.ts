import type { Command } from 'commander';

/** Flags every command accepts (DESIGN.md; issue 2). */
export interface GlobalOptions {
  /** File-system root that probes read and staged writes go to. */
  root: string;
  dryRun: boolean;
  answers: string | undefined;
  yes: boolean;
  logDir: string | undefined;
  json: boolean;
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** True only when both stdin and stdout are TTYs: Ink may start. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  columns: number;
  rows: number;
}

export interface CommandContext {
  global: GlobalOptions;
  /** Positional arguments after the command name. */
  args: string[];
  /** The command's own options, as commander parsed them. */
  opts: Record<string, unknown>;
  io: Io;
}

export interface CommandModule {
  name: string;
  summary: string;
  /** Adds the command's own arguments and options. */
  configure?(cmd: Command): void;
  run(ctx: CommandContext): Promise<number>;
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}
