import type { SignedIn, TestWorld } from './test-world';

/** The mediators' usual week: 09:00–12:00 and 13:30–17:30 every day (the calendar decides which days work). */
export const FULL_WEEK_HOURS = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
  { weekday, startsAt: '09:00', endsAt: '12:00' },
  { weekday, startsAt: '13:30', endsAt: '17:30' },
]);

/** A credit-card referral to the 青岛 center, consent given at the counter; `over` replaces fields. */
export function referralBody(world: TestWorld, over: { consumer?: Record<string, unknown> } & Record<string, unknown> = {}) {
  const { consumer, ...rest } = over;
  return {
    centerId: world.org('qd-center'),
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 880000,
    facts: '分期手续费争议',
    claims: '减免手续费',
    consentGiven: true,
    ...rest,
    consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678', ...consumer },
  };
}

/** A credit-card referral filed by ICBC's handler, accepted by intake and assigned to a QD mediator. */
export async function assignedCase(
  world: TestWorld,
  who: { handler: SignedIn; intake: SignedIn },
  mediator: 'qd.mediator' | 'qd.mediator2',
  consumer = '张小三',
): Promise<string> {
  const filed = await world.http.post('/api/v1/cases').set(who.handler.auth).send(referralBody(world, { consumer: { name: consumer } }));
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  await world.http.post(`/api/v1/cases/${filed.body.id}/accept`).set(who.intake.auth).send({}).expect(200);
  await world.http
    .post(`/api/v1/cases/${filed.body.id}/assign`)
    .set(who.intake.auth)
    .send({ mediatorId: world.ids.users[mediator], overrideReason: '测试指定' })
    .expect(200);
  return filed.body.id;
}

/** Next year's calendar, entered empty when missing: slots near the year's end reach into it. */
export async function ensureCalendarYear(world: TestWorld, admin: SignedIn, year: number): Promise<void> {
  const covered = await world.http.get(`/api/v1/calendar/${year}`).set(admin.auth);
  if (!covered.body?.covered) await world.http.put(`/api/v1/calendar/${year}`).set(admin.auth).send({ days: [] }).expect(200);
}

/** Each mediator's next free quarter hour, per world: sessions of one mediator never overlap. */
const nextQuarters = new WeakMap<TestWorld, Record<string, number>>();

/**
 * An assigned case whose 15-minute video session has begun (booked within the hour, outside
 * the hours with a reason): the case is in_session, waiting for the mediator's outcome.
 */
export async function inSessionCase(
  world: TestWorld,
  who: { handler: SignedIn; intake: SignedIn; mediator: SignedIn },
  mediator: 'qd.mediator' | 'qd.mediator2' = 'qd.mediator',
  consumer = '张小三',
): Promise<{ caseId: string; sessionId: string }> {
  const caseId = await assignedCase(world, who, mediator, consumer);
  const quarters = nextQuarters.get(world) ?? {};
  nextQuarters.set(world, quarters);
  const n = (quarters[mediator] = (quarters[mediator] ?? -1) + 1);
  const base = Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000;
  const startsAt = new Date(base + n * 15 * 60_000).toISOString();
  const booked = await world.http
    .post(`/api/v1/cases/${caseId}/sessions`)
    .set(who.intake.auth)
    .send({ channel: 'video', startsAt, minutes: 15, outsideHoursReason: '测试：马上开始', participants: [{ role: 'consumer', name: consumer }, { role: 'bank_representative', name: '吴婷' }] });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
  const sessionId = booked.body.id as string;
  for (const step of ['open', 'begin']) {
    const res = await world.http.post(`/api/v1/sessions/${sessionId}/${step}`).set(who.mediator.auth).send({});
    if (res.status !== 200) throw new Error(`${step} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { caseId, sessionId };
}
