import { factsOnly } from './audit-detail';

describe('an audit entry keeps the facts of an action, never the content of a case', () => {
  it('keeps ids, states and counts', () => {
    expect(factsOnly({ caseNumber: '(2026)沪金调字第0001号', from: 'accepted', to: 'closed', documentId: 'd1', version: 2 }, 'case')).toEqual({
      caseNumber: '(2026)沪金调字第0001号',
      from: 'accepted',
      to: 'closed',
      documentId: 'd1',
      version: 2,
    });
  });

  it('leaves out free text, people’s names on a case and amounts, and says which keys it left out', () => {
    expect(
      factsOnly({ caseNumber: 'C1', text: '请于三日内答复', comment: '已知悉', name: '张三', participants: [{ role: 'consumer', name: '张三' }], settledAmountFen: 100 }, 'session'),
    ).toEqual({ caseNumber: 'C1', omitted: ['text', 'comment', 'name', 'participants', 'settledAmountFen'] });
  });

  it('keeps the name of a thing staff created (a room), and drops an over-long value of an allowed key', () => {
    expect(factsOnly({ name: '一号调解室', why: 'x'.repeat(500) }, 'room')).toEqual({ name: '一号调解室', omitted: ['why'] });
  });

  it('keeps a reason that is a code (a refused token, a failed sign-in) and drops one someone typed', () => {
    expect(factsOnly({ reason: 'SESSION_ENDED', limit: 'auth.refresh', route: '/api/v1/auth/refresh' }, null)).toEqual({ reason: 'SESSION_ENDED', limit: 'auth.refresh', route: '/api/v1/auth/refresh' });
    expect(factsOnly({ reason: '消费者已起诉，不予受理' }, 'case')).toEqual({ omitted: ['reason'] });
  });

  it('is idempotent: filtering a filtered entry changes nothing', () => {
    const once = factsOnly({ caseNumber: 'C1', text: 'secret' }, 'case');
    expect(factsOnly(once, 'case')).toEqual(once);
  });
});
