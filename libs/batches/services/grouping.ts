/**
 * Suggestions for batches: open cases ordered by institution, dispute type and submission time
 * become groups of one institution and one dispute type whose cases were all submitted within
 * `days` of the group's first. Only groups of two or more are suggested, the largest first.
 */
export function groupCandidates<T extends { institutionId: string; disputeType: string | null; submittedAt: Date | null }>(ordered: readonly T[], days: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const c of ordered) {
    if (!c.submittedAt || !c.disputeType) continue;
    const first = current[0];
    const same = first && first.institutionId === c.institutionId && first.disputeType === c.disputeType && c.submittedAt.getTime() - first.submittedAt!.getTime() <= days * 86400_000;
    if (!same) {
      if (current.length > 1) groups.push(current);
      current = [];
    }
    current.push(c);
  }
  if (current.length > 1) groups.push(current);
  return groups.sort((a, b) => b.length - a.length);
}
