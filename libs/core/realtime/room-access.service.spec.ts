import type { AccessScope } from '../access/access-scope';
import { rlsSettings } from '../access/access-scope';
import { RoomAccess } from './room-access.service';

const org = '0b9e4c1e-4a57-4c3e-9d0f-3f2a1b7c9d11';
const user = '5d1f7a20-8c33-4f7e-a5b4-9e0c6d2f1a22';
const scope: AccessScope = { kind: 'center', organisationId: org, userId: user, sessionId: null, roles: ['center_admin'], branchPath: '', centerIds: [org] };

describe('room access', () => {
  const access = new RoomAccess();

  it('lets a socket into its own organisation and user rooms only', async () => {
    expect(await access.mayJoin(scope, `org:${org}`)).toBe(true);
    expect(await access.mayJoin(scope, `user:${user}`)).toBe(true);
    expect(await access.mayJoin(scope, `org:${user}`)).toBe(false);
    expect(await access.mayJoin(scope, `user:${org}`)).toBe(false);
  });

  it('refuses unknown kinds and malformed names', async () => {
    expect(await access.mayJoin(scope, `case:${org}`)).toBe(false);
    expect(await access.mayJoin(scope, `session:${org}`)).toBe(false);
    expect(await access.mayJoin(scope, 'org:*')).toBe(false);
    expect(await access.mayJoin(scope, '')).toBe(false);
  });

  it('asks the registered check for a new kind', async () => {
    const a = new RoomAccess();
    a.register('case', async (s, id) => s.organisationId === org && id === user);
    expect(await a.mayJoin(scope, `case:${user}`)).toBe(true);
    expect(() => a.register('case', async () => true)).toThrow(/twice/);
  });
});

describe('RLS settings', () => {
  it('sets every setting, empty rather than missing, so policies fail closed', () => {
    expect(rlsSettings({ ...scope, userId: null })).toEqual([
      ['app.kind', 'center'],
      ['app.org_id', org],
      ['app.user_id', ''],
      ['app.branch_path', ''],
      ['app.center_ids', org],
    ]);
  });
});
