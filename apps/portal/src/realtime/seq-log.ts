/** Seqs remembered for dropping a second copy: a replay overlaps live events by a few at most. */
const KEPT = 500;

/**
 * The event seqs a tab has seen: `first` says whether an envelope is new (a catch-up replay and
 * the live stream may both carry one seq, and listeners should hear it once), and `last` is the
 * highest seen — what the tab asks the server to replay from after a reconnection.
 */
export class SeqLog {
  private readonly seen = new Set<number>();
  private highest: number | null = null;

  constructor(private readonly kept = KEPT) {}

  get last(): number | null {
    return this.highest;
  }

  /** True for an envelope without a seq (nothing to compare) or with one not seen before. */
  first(envelope: unknown): boolean {
    const seq = (envelope as { seq?: unknown } | null | undefined)?.seq;
    if (typeof seq !== 'number') return true;
    if (this.seen.has(seq)) return false;
    this.seen.add(seq);
    // A Set iterates in insertion order: the oldest goes first.
    if (this.seen.size > this.kept) this.seen.delete(this.seen.values().next().value as number);
    if (this.highest === null || seq > this.highest) this.highest = seq;
    return true;
  }
}
