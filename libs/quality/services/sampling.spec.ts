import { drawnBySeed, reasonsFor, breached } from './sampling';

const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const facts = (over: Record<string, unknown> = {}) =>
  ({
    id: ids[0],
    centerId: 'c',
    caseNumber: 'QD-1',
    outcome: 'settled',
    concludedAt: new Date(),
    mediatorId: 'm',
    mediatorName: 'M',
    acceptedOn: '2026-03-02',
    concludedOn: '2026-04-01',
    intakeDueOn: '2026-03-05',
    firstSessionDueOn: '2026-03-16',
    mediationDueOn: '2026-04-10',
    ...over,
  }) as any;

describe('quality sampling', () => {
  it('draws the same cases for the same seed, others for another, about the share asked', () => {
    const a = ids.filter((id) => drawnBySeed('seed-a', id, 10));
    expect(ids.filter((id) => drawnBySeed('seed-a', id, 10))).toEqual(a);
    const b = ids.filter((id) => drawnBySeed('seed-b', id, 10));
    expect(b).not.toEqual(a);
    expect(a.length).toBeGreaterThan(150);
    expect(a.length).toBeLessThan(250);
    expect(ids.every((id) => !drawnBySeed('x', id, 0) && drawnBySeed('x', id, 100))).toBe(true);
  });

  it('names every reason a case enters for, and none for a settled case on time that is not drawn', () => {
    const rule = { includeNotSettled: true, includeTerminated: true, includeBreached: true, settledPercent: 0, seed: 's' };
    expect(reasonsFor(rule, facts(), '2026-03-10')).toEqual([]);
    expect(reasonsFor({ ...rule, settledPercent: 100 }, facts(), '2026-03-10')).toEqual(['settled_sample']);
    expect(reasonsFor(rule, facts({ outcome: 'not_settled' }), '2026-03-10')).toEqual(['not_settled']);
    expect(reasonsFor({ ...rule, includeNotSettled: false }, facts({ outcome: 'not_settled' }), '2026-03-10')).toEqual([]);
    expect(reasonsFor(rule, facts({ outcome: 'terminated', concludedOn: '2026-04-13' }), '2026-03-10')).toEqual(['terminated', 'breached']);
    expect(reasonsFor(rule, facts({ outcome: 'withdrawn' }), '2026-03-10')).toEqual([]);
  });

  it('a breach is any clock missed; without a mediation due day, 60 days from the first session', () => {
    expect(breached(facts({ acceptedOn: '2026-03-06' }), '2026-03-10')).toBe(true);
    expect(breached(facts(), '2026-03-17')).toBe(true);
    expect(breached(facts({ mediationDueOn: null, concludedOn: '2026-05-09' }), '2026-03-10')).toBe(false);
    expect(breached(facts({ mediationDueOn: null, concludedOn: '2026-05-10' }), '2026-03-10')).toBe(true);
  });
});
