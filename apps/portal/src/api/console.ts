import type { Channel } from '@accord/contracts';
import { downloadFile, http, request } from './http';
import type { Confirmation, Participant, SessionStatus } from './scheduling';

export type CaucusParty = 'consumer' | 'bank';
export type CallParty = 'consumer' | 'bank' | 'other';

export interface ConsoleView {
  session: {
    id: string;
    caseId: string;
    caseNumber: string | null;
    mediatorId: string;
    mediatorName: string | null;
    channel: Channel;
    status: SessionStatus;
    startsAt: string;
    endsAt: string;
    openedAt: string | null;
    beganAt: string | null;
    endedAt: string | null;
    nextSessionId: string | null;
    participants: Participant[];
    statusReason: string | null;
  };
  confirmations: Confirmation[];
  checkIns: { id: string; role: Participant['role']; name: string; via: 'video' | 'phone' | 'on_site'; checkedInAt: string }[];
  caucuses: { withParty: CaucusParty; startedAt: string; endedAt: string | null; seconds: number }[];
  openCaucus: { withParty: CaucusParty; startedAt: string } | null;
  caucusSeconds: number;
  /** the caller runs this session (its mediator, or a center admin) */
  mayRun: boolean;
  /** the center's method; empty for the bank */
  steps: { id: string; position: number; title: string; hint: string | null; tickedAt: string | null }[];
  calls: {
    id: string;
    party: CallParty;
    source: 'bridge' | 'manual';
    status: 'dialing' | 'connected' | 'completed' | 'failed' | 'no_answer';
    provider: string | null;
    phoneMasked: string;
    startedAt: string;
    answeredAt: string | null;
    endedAt: string | null;
    durationSeconds: number | null;
    note: string | null;
    hasRecording: boolean;
  }[];
  /** the caller's own private notes; null for the bank */
  note: { body: string; version: number; updatedAt: string | null } | null;
}

export interface NextSession {
  startsAt: string;
  minutes: number;
  channel?: Channel;
  roomId?: string;
  outsideHoursReason?: string;
}

export const consoleKeys = {
  one: (sessionId: string) => ['session-console', sessionId] as const,
  method: ['mediation-method'] as const,
};

const s = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

export const consoleApi = {
  get: (id: string, signal?: AbortSignal) => http.get<ConsoleView>(`${s(id)}/console`, undefined, signal),
  open: (id: string) => http.post<ConsoleView>(`${s(id)}/open`),
  checkIn: (id: string, body: { role: Participant['role']; name: string; via: 'video' | 'phone' | 'on_site' }) => http.post<ConsoleView>(`${s(id)}/check-ins`, body),
  begin: (id: string) => http.post<ConsoleView>(`${s(id)}/begin`),
  caucus: (id: string, withParty: CaucusParty) => http.post<ConsoleView>(`${s(id)}/caucus`, { with: withParty }),
  endCaucus: (id: string) => http.post<ConsoleView>(`${s(id)}/caucus/end`),
  adjourn: (id: string, body: { reason: string; next?: NextSession }) => http.post<ConsoleView>(`${s(id)}/adjourn`, body),
  conclude: (id: string, summary?: string) => http.post<ConsoleView>(`${s(id)}/conclude`, { summary: summary || undefined }),
  saveNote: (id: string, body: string, baseVersion: number) => request<{ version: number; updatedAt: string }>('PUT', `${s(id)}/notes`, { body: { body, baseVersion } }),
  tick: (id: string, stepId: string, ticked: boolean) => request<ConsoleView>('PUT', `${s(id)}/steps/${encodeURIComponent(stepId)}`, { body: { ticked } }),
  call: (id: string, party: CallParty, phone?: string) => http.post<ConsoleView>(`${s(id)}/calls`, { party, phone: phone || undefined }),
  endCall: (id: string, callId: string) => http.post<ConsoleView>(`${s(id)}/calls/${encodeURIComponent(callId)}/end`),
  logCall: (id: string, body: { party: CallParty; phone?: string; startedAt: string; endedAt: string; status?: 'completed' | 'no_answer' | 'failed'; note?: string }) =>
    http.post<ConsoleView>(`${s(id)}/calls/log`, body),
  /** A call's recording, with the mediator's statement that every party agreed to it. */
  addRecording: (id: string, callId: string, file: File) => {
    const form = new FormData();
    form.append('consentConfirmed', 'true');
    form.append('file', file);
    return http.upload<ConsoleView>(`${s(id)}/calls/${encodeURIComponent(callId)}/recording`, form);
  },
  downloadRecording: (id: string, callId: string) => downloadFile(`${s(id)}/calls/${encodeURIComponent(callId)}/recording`, 'recording'),
  method: (signal?: AbortSignal) => http.get<{ steps: { id: string; position: number; title: string; hint: string | null }[] }>('/api/v1/mediation-method', undefined, signal),
  saveMethod: (steps: { title: string; hint?: string }[]) => request<{ steps: { id: string; position: number; title: string; hint: string | null }[] }>('PUT', '/api/v1/mediation-method', { body: { steps } }),
};
