import type { CallParty, CaucusParty } from '@accord/contracts';
import { api, downloadFile, ok, upload, type Schemas } from './http';

export type { CallParty, CaucusParty } from '@accord/contracts';
export type ConsoleView = Schemas['ConsoleView'];
export type NextSession = Schemas['NextSessionDto'];

export const consoleKeys = {
  one: (sessionId: string) => ['session-console', sessionId] as const,
  method: ['mediation-method'] as const,
};

const session = (sessionId: string) => ({ path: { sessionId } });
const s = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

export const consoleApi = {
  get: (id: string, signal?: AbortSignal) => ok(api.GET('/api/v1/sessions/{sessionId}/console', { params: session(id), signal })),
  open: (id: string) => ok(api.POST('/api/v1/sessions/{sessionId}/open', { params: session(id) })),
  checkIn: (id: string, body: Schemas['CheckInDto']) => ok(api.POST('/api/v1/sessions/{sessionId}/check-ins', { params: session(id), body })),
  begin: (id: string) => ok(api.POST('/api/v1/sessions/{sessionId}/begin', { params: session(id) })),
  caucus: (id: string, withParty: CaucusParty) => ok(api.POST('/api/v1/sessions/{sessionId}/caucus', { params: session(id), body: { with: withParty } })),
  endCaucus: (id: string) => ok(api.POST('/api/v1/sessions/{sessionId}/caucus/end', { params: session(id) })),
  adjourn: (id: string, body: Schemas['AdjournDto']) => ok(api.POST('/api/v1/sessions/{sessionId}/adjourn', { params: session(id), body })),
  conclude: (id: string, summary?: string) =>
    ok(api.POST('/api/v1/sessions/{sessionId}/conclude', { params: session(id), body: { summary: summary || undefined } })),
  saveNote: (id: string, body: string, baseVersion: number) =>
    ok(api.PUT('/api/v1/sessions/{sessionId}/notes', { params: session(id), body: { body, baseVersion } })),
  tick: (id: string, stepId: string, ticked: boolean) =>
    ok(api.PUT('/api/v1/sessions/{sessionId}/steps/{stepId}', { params: { path: { sessionId: id, stepId } }, body: { ticked } })),
  call: (id: string, party: CallParty, phone?: string) =>
    ok(api.POST('/api/v1/sessions/{sessionId}/calls', { params: session(id), body: { party, phone: phone || undefined } })),
  endCall: (id: string, callId: string) => ok(api.POST('/api/v1/sessions/{sessionId}/calls/{callId}/end', { params: { path: { sessionId: id, callId } } })),
  logCall: (id: string, body: Schemas['LogCallDto']) => ok(api.POST('/api/v1/sessions/{sessionId}/calls/log', { params: session(id), body })),
  /** A call's recording, with the mediator's statement that every party agreed to it. */
  addRecording: (id: string, callId: string, file: File) => {
    const form = new FormData();
    form.append('consentConfirmed', 'true');
    form.append('file', file);
    return upload<ConsoleView>(`${s(id)}/calls/${encodeURIComponent(callId)}/recording`, form);
  },
  downloadRecording: (id: string, callId: string) => downloadFile(`${s(id)}/calls/${encodeURIComponent(callId)}/recording`, 'recording'),
  method: (signal?: AbortSignal) => ok(api.GET('/api/v1/mediation-method', { signal })),
  saveMethod: (steps: Schemas['MethodStepDto'][]) => ok(api.PUT('/api/v1/mediation-method', { body: { steps } })),
};
