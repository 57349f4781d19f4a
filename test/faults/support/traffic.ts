import type { AppProcess, FaultCluster, SignedIn } from './cluster';

/** A credit-card referral as ICBC's handler files it (the API's own example). */
export function referral(cluster: FaultCluster, n: number) {
  return {
    centerId: cluster.org('qd-center'),
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 100000 + n,
    facts: `分期手续费争议 #${n}`,
    claims: '减免手续费',
    consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
    consentGiven: true,
  };
}

export async function fileCase(cluster: FaultCluster, api: AppProcess, handler: SignedIn, n: number): Promise<string> {
  const res = await api.http().post('/api/v1/cases').set(handler.auth).send(referral(cluster, n));
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Accepted by intake and assigned to the mediator. */
export async function assign(api: AppProcess, intake: SignedIn, caseId: string, mediatorId: string): Promise<void> {
  for (const [step, body] of [
    ['accept', {}],
    ['assign', { mediatorId, overrideReason: '故障测试指定' }],
  ] as const) {
    const res = await api.http().post(`/api/v1/cases/${caseId}/${step}`).set(intake.auth).send(body);
    if (res.status !== 200) throw new Error(`${step} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** New mediators of the Qingdao center (each can hold one session at a given time). */
export async function createMediators(api: AppProcess, admin: SignedIn, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ username: `${prefix}.${i}`, displayName: `故障调解员${i}`, password: 'a-long-password-1', roles: ['mediator'] });
    if (res.status !== 201) throw new Error(`user failed: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id as string);
  }
  return ids;
}

/** A phone session starting at `startsAt` (its 30-minute reminder is due 30 minutes before). */
export async function book(api: AppProcess, intake: SignedIn, caseId: string, startsAt: Date): Promise<string> {
  const res = await api
    .http()
    .post(`/api/v1/cases/${caseId}/sessions`)
    .set(intake.auth)
    .send({ channel: 'phone', startsAt: startsAt.toISOString(), minutes: 30, outsideHoursReason: '故障测试' });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Runs `work` for each item with at most `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}
