// Reads Nix's `--log-format internal-json -v` stream (`@nix {...}` lines on stderr) and turns it into what a
// person wants to see: builds and copied paths done/total, the current activity, and the build's own output.
// Activity and result type numbers are Nix's (src/libutil/logging.hh: ActivityType, ResultType).

const ACT = {
  copyPath: 100,
  fileTransfer: 101,
  copyPaths: 103,
  builds: 104,
  build: 105,
  substitute: 108,
} as const;
const RES = { buildLogLine: 101, setPhase: 104, progress: 105, postBuildLogLine: 107 } as const;
/** Nix verbosity: 0 error, 1 warn, 2 notice, 3 info, 4 talkative ...; plain `nix-build` shows up to info. */
const SHOWN_LEVEL = 3;

export interface Count {
  done: number;
  total: number;
}

export interface NixProgress {
  builds: Count;
  /** Store paths copied in (substituted from a cache). */
  downloads: Count;
  /** What Nix is doing now, e.g. "building hello-2.12" or "copying hello-2.12", or null between activities. */
  activity: string | null;
}

export interface NixLogOutput {
  /** Text a person would have seen without JSON logging, in order. */
  lines: string[];
  /** Present when the counts or the current activity changed. */
  progress?: NixProgress;
}

interface Activity {
  type: number;
  label: string | null;
  phase: string | null;
}

type Json = Record<string, unknown>;

const ANSI_RE = /\u001b\[[0-9;]*[A-Za-z]/g;
const STORE_NAME_RE = /\/nix\/store\/[0-9a-z]{32}-([^'"\s]+?)(?:\.drv)?(?=['"\s]|$)/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, '');
}

/** `/nix/store/<hash>-hello-2.12.drv` -> `hello-2.12`. */
export function storeName(text: string): string | null {
  return STORE_NAME_RE.exec(text)?.[1] ?? null;
}

function activityLabel(type: number, text: string, fields: unknown[]): string | null {
  const path = typeof fields[0] === 'string' ? fields[0] : text;
  const name = storeName(path) ?? storeName(text);
  switch (type) {
    case ACT.build:
      return `building ${name ?? 'a derivation'}`;
    case ACT.copyPath:
    case ACT.substitute:
      return `copying ${name ?? 'a store path'}`;
    case ACT.fileTransfer:
      return `downloading ${typeof fields[0] === 'string' ? fields[0] : text}`;
    default:
      return null;
  }
}

export class NixLogParser {
  private readonly activities = new Map<number, Activity>();
  /** Ids of labelled activities in start order; the newest still running is "current". */
  private order: number[] = [];
  private builds: Count = { done: 0, total: 0 };
  private downloads: Count = { done: 0, total: 0 };
  private lastKey = '';

  /** Null when the line is not a Nix JSON message; it is then ordinary output. */
  feed(line: string): NixLogOutput | null {
    if (!line.startsWith('@nix {')) return null;
    let msg: Json;
    try {
      msg = JSON.parse(line.slice(5)) as Json;
    } catch {
      return null;
    }
    const out: NixLogOutput = { lines: [] };
    const id = typeof msg['id'] === 'number' ? msg['id'] : -1;
    const fields = Array.isArray(msg['fields']) ? (msg['fields'] as unknown[]) : [];
    const level = typeof msg['level'] === 'number' ? msg['level'] : 0;
    switch (msg['action']) {
      case 'msg': {
        if (level <= SHOWN_LEVEL && typeof msg['msg'] === 'string')
          out.lines.push(...stripAnsi(msg['msg']).split('\n'));
        break;
      }
      case 'start': {
        const type = typeof msg['type'] === 'number' ? msg['type'] : 0;
        const text = typeof msg['text'] === 'string' ? stripAnsi(msg['text']) : '';
        const label = activityLabel(type, text, fields);
        this.activities.set(id, { type, label, phase: null });
        if (label) this.order.push(id);
        if (text !== '' && level <= SHOWN_LEVEL) out.lines.push(text);
        break;
      }
      case 'stop': {
        this.activities.delete(id);
        this.order = this.order.filter((a) => a !== id);
        break;
      }
      case 'result': {
        const act = this.activities.get(id);
        const type = msg['type'];
        if ((type === RES.buildLogLine || type === RES.postBuildLogLine) && typeof fields[0] === 'string') {
          out.lines.push(stripAnsi(fields[0]));
        } else if (type === RES.setPhase && act && typeof fields[0] === 'string') {
          act.phase = fields[0];
        } else if (
          type === RES.progress &&
          act &&
          typeof fields[0] === 'number' &&
          typeof fields[1] === 'number'
        ) {
          const count = { done: fields[0], total: Math.max(fields[1], fields[0]) };
          if (act.type === ACT.builds) this.builds = count;
          else if (act.type === ACT.copyPaths) this.downloads = count;
        }
        break;
      }
      default:
        break;
    }
    const progress = this.snapshot();
    const key = JSON.stringify(progress);
    if (key !== this.lastKey) {
      this.lastKey = key;
      out.progress = progress;
    }
    return out;
  }

  snapshot(): NixProgress {
    let activity: string | null = null;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const act = this.activities.get(this.order[i]!);
      if (act?.label) {
        activity = act.phase ? `${act.label} (${act.phase})` : act.label;
        break;
      }
    }
    return { builds: { ...this.builds }, downloads: { ...this.downloads }, activity };
  }
}

/** One line for a progress label: "building hello-2.12 · 2/4 built, 1/3 copied". */
export function describeNixProgress(p: NixProgress): string {
  const counts: string[] = [];
  if (p.builds.total > 0) counts.push(`${p.builds.done}/${p.builds.total} built`);
  if (p.downloads.total > 0) counts.push(`${p.downloads.done}/${p.downloads.total} copied`);
  return [p.activity, counts.join(', ')].filter((s) => s).join(' · ');
}

/** Builds and copies as one bar: done and total of both together (null total while Nix has not said). */
export function nixBar(p: NixProgress): { done: number; total: number | null } {
  const total = p.builds.total + p.downloads.total;
  return { done: p.builds.done + p.downloads.done, total: total > 0 ? total : null };
}
