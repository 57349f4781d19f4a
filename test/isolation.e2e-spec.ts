import { TestWorld } from './support/test-world';

/**
 * The application wall over HTTP: another tenant's ids answer 404 (never 403), lists
 * never carry another tenant's rows.
 */
describe('tenant isolation over HTTP', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await TestWorld.start();
  });
  afterAll(() => world.stop());

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  it('a center sees its own members only; another center\'s membership is 404', async () => {
    const qd = await world.signIn('qd.admin');
    const sh = await world.signIn('sh.admin');
    const qdMembers = await world.http.get('/api/v1/memberships').set(qd.auth);
    expect(qdMembers.body.items.map((m: { institutionName: string }) => m.institutionName).sort()).toEqual(['中国工商银行', '青岛银行']);
    expect(qdMembers.body.items.every((m: { centerId: string }) => m.centerId === world.org('qd-center'))).toBe(true);
    const shMembership = (await world.http.get('/api/v1/memberships').set(sh.auth)).body.items[0];
    const foreign = await world.http.patch(`/api/v1/memberships/${shMembership.id}`).set(qd.auth).send({ status: 'suspended' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('MEMBERSHIP_NOT_FOUND');
    // Nothing changed on the other side.
    const after = (await world.http.get('/api/v1/memberships').set(sh.auth)).body.items.find((m: { id: string }) => m.id === shMembership.id);
    expect(after.status).toBe('active');
  });

  it('organisations: another center, or a center outside a regulator\'s jurisdiction, is 404', async () => {
    const qd = await world.signIn('qd.admin');
    expect((await world.http.get(`/api/v1/organisations/${world.org('sh-center')}`).set(qd.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/organisations/${world.org('qd-center')}`).set(qd.auth)).status).toBe(200);
    const reg = await world.signIn('qd.regulator');
    expect((await world.http.get(`/api/v1/organisations/${world.org('sh-center')}`).set(reg.auth)).status).toBe(404);
    const centers = await world.http.get('/api/v1/organisations?kind=center').set(reg.auth);
    expect(ids(centers.body)).toEqual([world.org('qd-center')]);
    const institutions = await world.http.get('/api/v1/organisations?kind=institution').set(reg.auth);
    // Only the members of its jurisdiction's center: not 招商银行 or 上海农商.
    expect(institutions.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['中国工商银行', '青岛银行']);
    const bank = await world.signIn('cmb.admin');
    const bankCenters = await world.http.get('/api/v1/organisations?kind=center').set(bank.auth);
    expect(ids(bankCenters.body)).toEqual([world.org('sh-center')]);
    expect((await world.http.get(`/api/v1/organisations/${world.org('icbc')}`).set(bank.auth)).status).toBe(404);
  });

  it('users: another organisation\'s user is 404 for deactivation, and never listed', async () => {
    const icbc = await world.signIn('icbc.admin');
    const cmb = await world.signIn('cmb.admin');
    const cmbUsers = await world.http.get('/api/v1/users').set(cmb.auth);
    expect(cmbUsers.body.items.every((u: { organisationId: string }) => u.organisationId === world.org('cmb'))).toBe(true);
    const icbcHandler = world.ids.users['icbc.qd.handler'];
    expect(ids(cmbUsers.body)).not.toContain(icbcHandler);
    const res = await world.http.post(`/api/v1/users/${icbcHandler}/deactivate`).set(cmb.auth);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('USER_NOT_FOUND');
    expect((await world.http.get('/api/v1/users?pageSize=100').set(icbc.auth)).body.items.find((u: { id: string }) => u.id === icbcHandler).isActive).toBe(true);
    // A malformed id is just another unknown id.
    expect((await world.http.post('/api/v1/users/not-a-uuid/deactivate').set(cmb.auth)).status).toBe(404);
  });

  it('branches: a bank sees its own tree; a pinned user only its subtree', async () => {
    const cmb = await world.signIn('cmb.admin');
    const tree = await world.http.get('/api/v1/branches').set(cmb.auth);
    expect(tree.body.items.map((b: { name: string }) => b.name)).not.toContain('青岛市南支行');
    const manager = await world.signIn('icbc.qd.manager');
    const subtree = await world.http.get('/api/v1/branches').set(manager.auth);
    expect(subtree.body.items.map((b: { name: string }) => b.name).sort()).toEqual(['中山路网点', '青岛市南支行', '香港中路网点'].sort());
    // Adding under another bank's branch: the parent doesn't exist for this caller.
    const foreignParent = world.ids.branches['icbc-qd-sn'];
    const res = await world.http.post('/api/v1/branches').set(cmb.auth).send({ parentId: foreignParent, name: '越界网点', level: 'outlet', code: 'X-1' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('parentId');
  });

  it('api keys, notifications and the audit trail are per organisation', async () => {
    const icbc = await world.signIn('icbc.admin');
    const cmb = await world.signIn('cmb.admin');
    const key = await world.http.post('/api/v1/api-keys').set(icbc.auth).send({ name: 'ICBC 对接' });
    expect((await world.http.delete(`/api/v1/api-keys/${key.body.id}`).set(cmb.auth)).status).toBe(404);
    expect((await world.http.get('/api/v1/api-keys').set(cmb.auth)).body.items).toEqual([]);
    const cmbAudit = await world.http.get('/api/v1/audit-events?pageSize=100').set(cmb.auth);
    expect(JSON.stringify(cmbAudit.body)).not.toContain(key.body.id);
    expect((await world.http.post(`/api/v1/notifications/${key.body.id}/read`).set(cmb.auth)).status).toBe(404);
  });

  it('roles gate what a user may do inside their own tenant', async () => {
    const handler = await world.signIn('icbc.qd.handler');
    const res = await world.http.post('/api/v1/api-keys').set(handler.auth).send({ name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ROLE_REQUIRED');
    const intake = await world.signIn('qd.intake');
    expect((await world.http.post('/api/v1/organisations').set(intake.auth).send({})).status).toBe(403);
  });
});
