import { useEffect, useState, type ReactNode } from 'react';

/**
 * Its children, drawn only after the frame that first shows it (once painted, in the next task): what a
 * page has below or beside its main content — a task's history and comments — waits for that content
 * to be on screen instead of lengthening its first drawing, some 100–200 ms on a phone (CPU ×4).
 */
export function AfterFirstFrame({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return shown ? children : null;
}
