import { randomUUID } from 'node:crypto';

/**
 * Where phone mediation calls go: an outbound call bridge that rings the party and connects
 * them to the mediator. One interface; the provider is chosen by configuration
 * (TELEPHONY_PROVIDER). A real provider reports answer and hang-up through its callbacks.
 */
export interface TelephonyProvider {
  readonly name: string;
  bridge(call: { callId: string; to: string }): Promise<{ ref: string; answered: boolean }>;
  hangUp(ref: string): Promise<void>;
}

/**
 * Development provider: simulates the bridge — the party "answers" at once, the call lasts
 * until the mediator hangs up in the console — so phone mediation runs end to end without a
 * telephone line. Nothing is dialled.
 */
export class DevTelephonyProvider implements TelephonyProvider {
  readonly name = 'dev';

  async bridge(): Promise<{ ref: string; answered: boolean }> {
    return { ref: `dev-call-${randomUUID()}`, answered: true };
  }

  async hangUp(): Promise<void> {}
}

export const TELEPHONY_PROVIDER = Symbol('TELEPHONY_PROVIDER');
