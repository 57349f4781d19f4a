import { groupCandidates } from './grouping';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86400_000);
const c = (institutionId: string, disputeType: string | null, n: number) => ({ institutionId, disputeType, submittedAt: day(n) });

describe('batch suggestions', () => {
  it('groups one institution × dispute type within the filing window, two or more cases, largest first', () => {
    const groups = groupCandidates(
      [c('a', 'fee_reduction', 0), c('a', 'fee_reduction', 10), c('a', 'fee_reduction', 30), c('a', 'fee_reduction', 31), c('a', 'mis_selling', 1), c('a', 'mis_selling', 2), c('b', 'mis_selling', 3)],
      30,
    );
    expect(groups.map((g) => g.map((x) => `${x.institutionId}/${x.disputeType}`))).toEqual([
      ['a/fee_reduction', 'a/fee_reduction', 'a/fee_reduction'],
      ['a/mis_selling', 'a/mis_selling'],
    ]);
  });

  it('starts a new group past the window and leaves a case alone out', () => {
    expect(groupCandidates([c('a', 'other', 0), c('a', 'other', 40), c('a', 'other', 45)], 30).map((g) => g.length)).toEqual([2]);
    expect(groupCandidates([c('a', null, 0), c('a', null, 1)], 30)).toEqual([]);
  });
});
