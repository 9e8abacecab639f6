// Small pure parts: finding the game's program, the answers on NixOS, the steps view's model.
import { describe, expect, it } from 'vitest';
import { defaultAnswers, emptyReport } from '../../src/answers/defaults';
import { withGame } from '../../src/game/answers';
import { findExecutables, pickExecutable, rankExecutables } from '../../src/game/executables';
import { applyEvent, initialSteps } from '../../screens/game/run-model';
import { tempDir, writeTree } from './helpers';

describe("finding the game's program", () => {
  it('lists .exe files outside Windows’ folders, without uninstallers, setups and redistributables', async () => {
    const dir = tempDir();
    try {
      writeTree(dir.path, {
        'drive_c/windows/system32/notepad.exe': 'MZ',
        'drive_c/ProgramData/x/tool.exe': 'MZ',
        'drive_c/Program Files/Game/Game.exe': 'MZ',
        'drive_c/Program Files/Game/unins000.exe': 'MZ',
        'drive_c/Program Files/Game/vc_redist.x64.exe': 'MZ',
        'drive_c/Program Files/Game/GameSetup.exe': 'MZ',
        'drive_c/Program Files/Game/CrashReporter.exe': 'MZ',
        'drive_c/Program Files (x86)/Battle.net/Battle.net Launcher.exe': 'MZ',
        'drive_c/Program Files/Game/readme.txt': 'hi',
      });
      const found = await findExecutables(dir.path);
      expect(found.map((p) => p.slice(dir.path.length + 1))).toEqual([
        'drive_c/Program Files/Game/Game.exe',
        'drive_c/Program Files (x86)/Battle.net/Battle.net Launcher.exe',
      ]);
    } finally {
      dir.cleanup();
    }
  });

  it('puts the known names first and picks one only when it is known or alone', () => {
    const paths = ['/p/a/Other.exe', '/p/b/Battle.net.exe', '/p/c/Battle.net Launcher.exe'];
    const ranked = rankExecutables(paths, ['Battle.net Launcher.exe', 'Battle.net.exe']);
    expect(ranked).toEqual(['/p/c/Battle.net Launcher.exe', '/p/b/Battle.net.exe', '/p/a/Other.exe']);
    expect(pickExecutable(ranked, ['battle.net launcher.exe'])).toBe('/p/c/Battle.net Launcher.exe');
    expect(pickExecutable(['/p/a.exe', '/p/b.exe'], [])).toBeNull();
    expect(pickExecutable(['/p/a.exe'], [])).toBe('/p/a.exe');
    expect(pickExecutable([], ['x.exe'])).toBeNull();
  });
});

describe('the game in the answers (NixOS)', () => {
  const base = defaultAnswers(emptyReport('nixos', 'desk'));

  it('adds the gaming ids the game relies on once, and replaces an older record of the same game', () => {
    const once = withGame(
      { ...base, gaming: ['steam', 'gamemode'] },
      { slug: 'wow', prefix: '/h/Games/wow', runner: 'wine' },
      true,
    );
    expect(once.gaming).toEqual(['steam', 'gamemode', 'wine', 'mangohud', 'lutris']);
    const twice = withGame(once, { slug: 'wow', prefix: '/h/Games/wow2', runner: 'umu' }, false);
    expect(twice.gaming).toEqual(once.gaming);
    expect(twice.games).toEqual([{ slug: 'wow', prefix: '/h/Games/wow2', runner: 'umu' }]);
    const umuOnly = withGame(base, { slug: 'a', prefix: '/h/Games/a', runner: 'umu' }, false);
    expect(umuOnly.gaming).toEqual(['gamemode', 'mangohud']);
    const sorted = withGame(
      withGame(base, { slug: 'zeta', prefix: '/z', runner: 'wine' }, false),
      { slug: 'alpha', prefix: '/a', runner: 'wine' },
      false,
    );
    expect(sorted.games.map((g) => g.slug)).toEqual(['alpha', 'zeta']);
  });
});

describe('steps view model', () => {
  const steps = initialSteps([
    { id: 'a', title: 'A', argv: ['true'], root: false, risk: [], timeoutMs: 1 },
    { id: 'b', title: 'B', argv: ['true'], root: false, risk: [], timeoutMs: 1 },
  ]);

  it('follows start, lines (the last 8; a transient one replaced by the next), heartbeat and end', () => {
    let s = applyEvent(steps, { type: 'start', stepId: 'a', title: 'A', logPath: '/l/a.log', at: 5 });
    expect(s[0]).toMatchObject({ state: 'running', startedAt: 5, logPath: '/l/a.log' });
    for (let i = 1; i <= 10; i++)
      s = applyEvent(s, { type: 'line', stepId: 'a', stream: 'stdout', text: `line ${i}` });
    expect(s[0]!.tail).toEqual([
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
    ]);
    s = applyEvent(s, { type: 'line', stepId: 'a', stream: 'stdout', text: '10%', transient: true });
    s = applyEvent(s, { type: 'line', stepId: 'a', stream: 'stdout', text: '20%', transient: true });
    expect(s[0]!.tail.slice(-2)).toEqual(['line 10', '\r20%']);
    s = applyEvent(s, { type: 'heartbeat', stepId: 'a', quietMs: 4000 });
    expect(s[0]!.quietMs).toBe(4000);
    s = applyEvent(s, { type: 'end', stepId: 'a', code: 2, ms: 30 });
    expect(s[0]).toMatchObject({ state: 'failed', code: 2, ms: 30 });
    s = applyEvent(s, { type: 'skip', stepId: 'b', reason: 'already done' });
    expect(s[1]).toMatchObject({ state: 'skipped', error: 'already done' });
  });
});
