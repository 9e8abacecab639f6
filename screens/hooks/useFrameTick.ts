// The one timer of the live panes: events only bump `model.version`; this draws a frame (at most `fps` a
// second) when the version moved or while `busy()` says something animates (spinner, elapsed time).
import { useEffect, useRef, useState } from 'react';

export function useFrameTick(model: { version: number }, fps: number, busy: () => boolean): number {
  const seen = useRef(-1);
  const [tick, setTick] = useState(0);
  const busyNow = useRef(busy);
  busyNow.current = busy;
  useEffect(() => {
    const timer = setInterval(
      () => {
        if (busyNow.current() || model.version !== seen.current) {
          seen.current = model.version;
          setTick((t) => t + 1);
        }
      },
      Math.round(1000 / fps),
    );
    return () => clearInterval(timer);
  }, [model, fps]);
  return tick;
}
