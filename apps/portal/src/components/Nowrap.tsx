import type { HTMLAttributes } from 'react';
import { formatFen } from '../lib/money';

/**
 * An identifier, phone or amount: read as one word, so it never breaks across lines
 * ("QD-2026-/000002", "¥12,80/0.00" in a narrow English column). Tables, descriptions and
 * headings render case numbers, phones and amounts through these, so the rule lives here.
 */
export function Nowrap({ style, className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  return <span {...rest} className={className ? `accord-nowrap ${className}` : 'accord-nowrap'} style={{ whiteSpace: 'nowrap', ...style }} />;
}

/** integer fen as ¥1,234.50, on one line */
export function Amount({ fen, ...rest }: { fen: number | null | undefined } & HTMLAttributes<HTMLSpanElement>) {
  return <Nowrap {...rest}>{formatFen(fen)}</Nowrap>;
}
