// Types for pve-api.mjs (plain ESM so that the shim executables can import it without a build).
export type PveParams = Record<string, string | string[]>;

export interface PveOk {
  ok: true;
  /** qm, pct, vzdump, pvesh, pvesm or pveam */
  tool: string;
  /** the CLI command, e.g. "create", "guest exec"; "" for vzdump */
  command: string;
  /** the concrete API path, e.g. /nodes/pve/qemu/100/config */
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | string;
  /** parsed parameters as the API receives them (booleans as "1"/"0", lists joined by ",") */
  params: PveParams;
}

export interface PveFail {
  ok: false;
  /** the error lines the real tool prints (after "400 Parameter verification failed."), one per line */
  errors: string[];
  /** the real tool's whole stderr */
  stderr: string;
  /** the real tool's exit code (255 for API rejections) */
  exitCode: number;
}

export function validatePveCommand(argv: string[], opts?: { node?: string }): PveOk | PveFail;
export function apiSchemaFile(): string;
export const sharedSchemaFile: string;
export const bundledSchemaFile: string;
export function slim(v: unknown): unknown;
export function findHandler(
  method: string,
  path: string,
): { template: string; info: Record<string, unknown>; uriParams: Record<string, string> } | undefined;
