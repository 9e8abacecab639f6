import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestDevice } from '../../src/game/preflight/graphics';
import {
  majorOf,
  parseOpenFileLimit,
  parseVulkanSummary,
  parseWineVersion,
  parseWinetricksVersion,
  versionAtLeast,
} from '../../src/game/preflight/parse';
import { repoRoot } from '../helpers/shared';

const vulkan = (name: string) =>
  readFileSync(join(repoRoot, 'test/fixtures/game-bin/vulkaninfo', `${name}.txt`), 'utf8');

describe('tool output parsers', () => {
  it('reads wine --version as Debian, staging and upstream builds print it', () => {
    expect(parseWineVersion('wine-8.0 (Debian 8.0~repack-4)\n')).toBe('8.0');
    expect(parseWineVersion('wine-9.0 (Staging)')).toBe('9.0');
    expect(parseWineVersion('wine-10.12\n')).toBe('10.12');
    expect(parseWineVersion('wine-10.0-rc3')).toBe('10.0-rc3');
    expect(parseWineVersion('bash: wine: command not found')).toBeNull();
    expect(majorOf('10.12')).toBe(10);
  });

  it('reads winetricks --version with sha256sum and the older sha1sum', () => {
    expect(parseWinetricksVersion('20250102 - sha256sum: 4c8a2a5b\n')).toBe('20250102');
    expect(parseWinetricksVersion('20240105-next - sha256sum: abcd')).toBe('20240105');
    expect(parseWinetricksVersion('20200412 - sha1sum: 0123')).toBe('20200412');
    expect(parseWinetricksVersion('winetricks: unknown option')).toBeNull();
  });

  it('reads the Devices section of vulkaninfo --summary and prefers the discrete GPU over llvmpipe', () => {
    const s = parseVulkanSummary(vulkan('amd'))!;
    expect(s.instanceVersion).toBe('1.3.275');
    expect(s.devices.map((d) => [d.name, d.apiVersion, d.driverName, d.type])).toEqual([
      ['AMD Radeon RX 6800 XT (RADV NAVI21)', '1.3.274', 'radv', 'discrete'],
      ['llvmpipe (LLVM 17.0.6, 256 bits)', '1.3.274', 'llvmpipe', 'cpu'],
    ]);
    expect(bestDevice(s)?.type).toBe('discrete');
    expect(bestDevice(parseVulkanSummary(vulkan('llvmpipe'))!)?.type).toBe('cpu');
    expect(parseVulkanSummary('Cannot create Vulkan instance.')).toBeNull();
  });

  it('compares dotted versions part by part', () => {
    expect(versionAtLeast('1.3.274', '1.3')).toBe(true);
    expect(versionAtLeast('1.2.182', '1.3')).toBe(false);
    expect(versionAtLeast('1.10', '1.9')).toBe(true);
  });

  it('reads the open-file limit from /proc/<pid>/limits', () => {
    const text = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max open files            1024                 524288               files     ',
    ].join('\n');
    expect(parseOpenFileLimit(text)).toEqual({ soft: 1024, hard: 524288 });
    expect(
      parseOpenFileLimit('Max open files            unlimited            unlimited            files'),
    ).toEqual({
      soft: Number.POSITIVE_INFINITY,
      hard: Number.POSITIVE_INFINITY,
    });
    expect(parseOpenFileLimit('Max processes 10 10 processes')).toBeNull();
  });
});
