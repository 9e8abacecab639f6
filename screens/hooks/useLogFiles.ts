// The step logs a live view has opened, one LogFile per path, kept across frames so each reads only new bytes.
import { useRef } from 'react';
import { LogFile } from '../run/log-file';

export interface LogFiles {
  /** The LogFile for `path`, opened on first use. */
  open(path: string): LogFile;
  /** Re-reads `path` if it was opened before (called just before showing it again). */
  refresh(path: string): void;
}

export function useLogFiles(): LogFiles {
  const logs = useRef(new Map<string, LogFile>());
  return {
    open(path) {
      let log = logs.current.get(path);
      if (!log) {
        log = new LogFile(path);
        logs.current.set(path, log);
      }
      return log;
    },
    refresh(path) {
      logs.current.get(path)?.refresh();
    },
  };
}
