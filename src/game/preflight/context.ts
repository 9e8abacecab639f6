// What every pre-flight check gets: the host, the distribution family (for the fix), the prefix, the tools found.
import type { GameHost } from '../host';
import type { DistroFamily } from '../platform';
import type { CheckResult, CheckStatus, Fix, PreflightId, ToolInfo } from '../types';

export interface CheckContext {
  host: GameHost;
  family: DistroFamily;
  prefix: string;
  tools: ToolInfo;
}

export const result = (
  id: PreflightId,
  title: string,
  status: CheckStatus,
  detail: string,
  fix: Fix | null = null,
): CheckResult => ({ id, title, status, detail, fix: status === 'pass' ? null : fix });

/** Debian keeps wineserver out of PATH; other distributions put it beside wine or in PATH. */
export const wineserverPaths = [
  '/usr/lib/wine/wineserver',
  '/usr/lib/wine/wineserver64',
  '/usr/lib64/wine/wineserver',
  '/usr/libexec/wine/wineserver',
];
