import { CASE_STATUSES, CASE_TRANSITIONS, canTransition, outcomesFrom } from '@accord/contracts';
import type { AccessScope } from '@accord/core';
import { rankProposals } from './assignment.service';
import { cleanFileName } from './attachment.service';
import { allowedActions, clockState, mayRevealConsumer } from './case-view';

const scope = (kind: AccessScope['kind'], roles: AccessScope['roles'], userId = 'u1'): AccessScope => ({
  kind,
  roles,
  userId,
  organisationId: 'o1',
  sessionId: 's1',
  branchPath: '',
  centerIds: [],
});

describe('the case state machine', () => {
  it('follows DOMAIN.md: draft → submitted → accepted → assigned, returned ↔ submitted', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'returned')).toBe(true);
    expect(canTransition('returned', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'accepted')).toBe(true);
    expect(canTransition('accepted', 'assigned')).toBe(true);
    expect(canTransition('assigned', 'accepted')).toBe(true); // recusal
  });

  it('never skips intake, never leaves a final state except to close, never reopens a closed case', () => {
    expect(canTransition('draft', 'accepted')).toBe(false);
    expect(canTransition('submitted', 'assigned')).toBe(false);
    expect(canTransition('rejected', 'submitted')).toBe(false);
    for (const final of ['settled', 'not_settled', 'withdrawn', 'terminated'] as const) expect(CASE_TRANSITIONS[final]).toEqual(['closed']);
    expect(CASE_TRANSITIONS.closed).toEqual([]);
  });

  it('a case no session has heard can only be terminated or withdrawn; one heard can end any way', () => {
    expect(outcomesFrom('assigned')).toEqual(['withdrawn', 'terminated']);
    expect(outcomesFrom('scheduled')).toEqual(['withdrawn', 'terminated']);
    for (const heard of ['in_session', 'adjourned'] as const) expect(outcomesFrom(heard)).toEqual(['settled', 'not_settled', 'withdrawn', 'terminated']);
    expect(outcomesFrom('submitted')).toEqual(['withdrawn']);
    expect(outcomesFrom('closed')).toEqual([]);
  });

  it('names only known states', () => {
    for (const from of CASE_STATUSES) for (const to of CASE_TRANSITIONS[from]) expect(CASE_STATUSES).toContain(to);
  });
});

describe('who may do what', () => {
  it('intake accepts a submitted case; a bank may not; a mediator recuses only their own', () => {
    expect(allowedActions(scope('center', ['intake_officer']), { status: 'submitted', mediatorId: null })).toEqual(
      expect.arrayContaining(['accept', 'reject', 'return']),
    );
    expect(allowedActions(scope('institution', ['complaint_handler']), { status: 'submitted', mediatorId: null })).not.toContain('accept');
    expect(allowedActions(scope('center', ['mediator'], 'm1'), { status: 'assigned', mediatorId: 'm1' })).toContain('recuse');
    expect(allowedActions(scope('center', ['mediator'], 'm2'), { status: 'assigned', mediatorId: 'm1' })).not.toContain('recuse');
    expect(allowedActions(scope('institution', ['viewer']), { status: 'submitted', mediatorId: null })).toEqual([]);
    expect(allowedActions(scope('regulator', ['regulator_analyst']), { status: 'submitted', mediatorId: null })).toEqual([]);
  });

  it('reveals the full identity only to those who serve the consumer', () => {
    expect(mayRevealConsumer(scope('center', ['intake_officer']), { mediatorId: null })).toBe(true);
    expect(mayRevealConsumer(scope('center', ['mediator'], 'm1'), { mediatorId: 'm1' })).toBe(true);
    expect(mayRevealConsumer(scope('center', ['liaison_officer']), { mediatorId: null })).toBe(false);
    expect(mayRevealConsumer(scope('institution', ['viewer']), { mediatorId: null })).toBe(false);
    expect(mayRevealConsumer(scope('regulator', ['regulator_supervisor']), { mediatorId: null })).toBe(false);
  });
});

describe('clocks', () => {
  it('is ok, due soon on the last two days, overdue after, met once done', () => {
    expect(clockState('2026-11-30', false, '2026-11-25').state).toBe('ok');
    expect(clockState('2026-11-30', false, '2026-11-29').state).toBe('due_soon');
    expect(clockState('2026-11-30', false, '2026-11-30').state).toBe('due_soon');
    expect(clockState('2026-11-30', false, '2026-12-01').state).toBe('overdue');
    expect(clockState('2026-11-30', true, '2026-12-09').state).toBe('met');
    expect(clockState(null, false, '2026-12-01', 'CALENDAR_YEAR_MISSING')).toEqual({ dueOn: null, state: 'unknown', problem: 'CALENDAR_YEAR_MISSING' });
  });
});

describe('mediator proposals', () => {
  const m = (name: string, o: Partial<Parameters<typeof rankProposals>[0][number]> = {}) => ({
    mediatorId: name,
    name,
    expertise: [],
    expertiseMatch: false,
    openCases: 0,
    acceptingCases: true,
    conflictOfInterest: false,
    recused: false,
    consumerChoice: false,
    ...o,
  });

  it('ranks expertise first, then the lightest caseload; never ranks a conflicted, recused or unavailable mediator', () => {
    const ranked = rankProposals([
      m('A', { openCases: 1 }),
      m('B', { expertiseMatch: true, openCases: 5 }),
      m('C', { expertiseMatch: true, openCases: 2 }),
      m('D', { expertiseMatch: true, conflictOfInterest: true }),
      m('E', { recused: true, expertiseMatch: true }),
      m('F', { acceptingCases: false, expertiseMatch: true }),
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['C', 1],
      ['B', 2],
      ['A', 3],
      ['E', null],
      ['F', null],
      ['D', null],
    ]);
  });
});

describe('attachment names', () => {
  it('keep the name a person gave, without path, control characters or quotes', () => {
    expect(cleanFileName('C:\\Users\\张\\分期合同.pdf')).toBe('分期合同.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u001fc\u007f"d".pdf')).toBe('abcd.pdf');
    expect(cleanFileName('\u0001\u0002')).toBe('attachment');
  });
});
