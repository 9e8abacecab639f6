/** The variables of a process environment that have a value (NodeJS.ProcessEnv allows undefined ones). */
export function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
