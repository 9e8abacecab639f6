// Colour is decoration only: every state also has a symbol or a word. NO_COLOR turns colour off.
export const noColor = (): boolean => 'NO_COLOR' in process.env && process.env['NO_COLOR'] !== '';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent';

const tones: Record<Tone, string> = {
  ok: 'green',
  warn: 'yellow',
  bad: 'red',
  muted: 'gray',
  accent: 'cyan',
};

export function color(tone: Tone): string | undefined {
  return noColor() ? undefined : tones[tone];
}

export const symbols = { ok: '✓', warn: '!', bad: '✗', todo: '·', pointer: '›', bullet: '•' } as const;
