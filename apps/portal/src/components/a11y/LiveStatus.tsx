import type { CSSProperties } from 'react';

/** Off screen but read by screen readers (the usual "visually hidden" recipe). */
export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * A polite live region: whenever `text` changes a screen reader says it, without moving the
 * focus. Keep it mounted while the page lives (a region that appears with its text is often not
 * announced); the visible page shows the same state in its own way.
 */
export function LiveStatus({ text, testId }: { text: string; testId?: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" style={VISUALLY_HIDDEN} data-testid={testId}>
      {text}
    </div>
  );
}
