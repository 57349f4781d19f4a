import { eventually, type SignedIn, type TestWorld } from './test-world';

/** A line of the center's message log (提醒消息), as the API lists it. */
export interface LoggedMessage {
  id: string;
  caseId: string | null;
  body: string;
  status: string;
  createdAt: string;
}

/** The newest 50 messages `reader` may see, newest first. */
export async function messageLog(world: TestWorld, reader: SignedIn): Promise<LoggedMessage[]> {
  const res = await world.http.get('/api/v1/messages?pageSize=50').set(reader.auth);
  if (res.status !== 200) throw new Error(`message log: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as LoggedMessage[];
}

/**
 * The newest message of the case whose body matches (and is not one of `except`'s bodies), once
 * the worker has sent it: the pattern's match, so a test reads the link or the code from it.
 */
export function sentMessage(world: TestWorld, reader: SignedIn, caseId: string, pattern: RegExp, except: ReadonlySet<string> = new Set()): Promise<RegExpExecArray> {
  return eventually(async () => {
    const m = (await messageLog(world, reader)).find((x) => x.caseId === caseId && pattern.test(x.body) && !except.has(x.body));
    return m && m.status === 'sent' ? pattern.exec(m.body)! : null;
  }, 20_000);
}
