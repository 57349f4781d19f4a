import { api, consumerHeaders, ok, publicApi, upload, type Schemas } from './http';

export type VideoJoinInfo = Schemas['VideoJoinInfo'];

export const videoApi = {
  /** How a portal user joins the session's room. */
  joinInfo: (sessionId: string) => ok(api.GET('/api/v1/sessions/{sessionId}/video', { params: { path: { sessionId } } })),
  /** How the consumer joins, with their access token (never the staff token). */
  consumerJoinInfo: (accessToken: string) => ok(publicApi.GET('/api/v1/public/consumer/video', { headers: consumerHeaders(accessToken) })),
  /** One chunk of a running recording, in order (`seq` from 0). */
  addChunk: (sessionId: string, recordingId: string, seq: number, form: FormData) =>
    upload<Schemas['VideoRecordingView']>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/video/recordings/${encodeURIComponent(recordingId)}/chunks`, form, { query: { seq } }),
};
