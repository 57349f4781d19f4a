import { TestWorld } from './support/test-world';

describe('probe', () => {
  let world: TestWorld;
  beforeAll(async () => { world = await TestWorld.start(); });
  afterAll(async () => { await world?.stop(); });
  it('probes', async () => {
    const s = await world.signIn('qd.supervisor');
    const log = (label: string, r: { status: number; body: unknown }) => console.log(label, r.status, JSON.stringify(r.body).slice(0, 1500));
    log('me', await world.http.get('/api/v1/me').set(s.auth));
    log('centers', await world.http.get('/api/v1/organisations?kind=center').set(s.auth));
    log('insts', await world.http.get('/api/v1/organisations?kind=institution').set(s.auth));
    log('branches', await world.http.get('/api/v1/branches').set(s.auth));
    log('memberships', await world.http.get('/api/v1/memberships').set(s.auth));
    log('cases', await world.http.get('/api/v1/cases').set(s.auth));
    const icbc = world.org('icbc');
    log('branches?inst', await world.http.get(`/api/v1/branches?institutionId=${icbc}`).set(s.auth));
    log('org get', await world.http.get(`/api/v1/organisations/${icbc}`).set(s.auth));
    const br = world.ids.branches['icbc-qd-xgzl'];
    const r = await world.http.post('/api/v1/cases').set(s.auth).send({
      centerId: world.org('qd-center'), institutionId: icbc, branchId: br, businessLine: 'credit_card', disputeType: 'fee_reduction', amountFen: 100000,
      facts: 'f', claims: 'c', consentGiven: true, consumer: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' }, submit: true,
    });
    log('file', r);
    if (r.body.id) {
      log('get', await world.http.get(`/api/v1/cases/${r.body.id}`).set(s.auth));
      log('timeline', await world.http.get(`/api/v1/cases/${r.body.id}/timeline`).set(s.auth));
      log('attachments', await world.http.get(`/api/v1/cases/${r.body.id}/attachments`).set(s.auth));
    }
    const a = await world.signIn('qd.regulator');
    log('analyst cases', await world.http.get('/api/v1/cases').set(a.auth));
  }, 60000);
});
