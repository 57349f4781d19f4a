import type { SignedIn, TestWorld } from './test-world';

/** The mediators' usual week: 09:00–12:00 and 13:30–17:30 every day (the calendar decides which days work). */
export const FULL_WEEK_HOURS = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
  { weekday, startsAt: '09:00', endsAt: '12:00' },
  { weekday, startsAt: '13:30', endsAt: '17:30' },
]);

/** A credit-card referral filed by ICBC's handler, accepted by intake and assigned to a QD mediator. */
export async function assignedCase(
  world: TestWorld,
  who: { handler: SignedIn; intake: SignedIn },
  mediator: 'qd.mediator' | 'qd.mediator2',
  consumer = '张小三',
): Promise<string> {
  const filed = await world.http.post('/api/v1/cases').set(who.handler.auth).send({
    centerId: world.org('qd-center'),
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 880000,
    facts: '分期手续费争议',
    claims: '减免手续费',
    consumer: { name: consumer, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
    consentGiven: true,
  });
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
