// Types for demo.mjs (the `npm run demo` launcher), so tests can start the demo host the same way.
export declare const repoRoot: string;
export declare const demoHost: string;
export declare const demoRoot: string;
export declare function demoEnv(base?: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv;
  temp: string;
  /** This run's copy of the demo machine's files, to pass as --root. */
  root: string;
  cleanup(): void;
};
