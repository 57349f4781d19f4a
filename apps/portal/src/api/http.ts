import createClient from 'openapi-fetch';
import { clearSession, getSession, setSession } from '../auth/session';
import type { components, paths } from './schema';

/** The API's answer and request shapes, generated from its OpenAPI spec. */
export type Schemas = components['schemas'];

/** RFC 9457 problem details as answered by the API. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || (status ? `HTTP ${status}` : 'Network error'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** true when the request never reached the server (offline, proxy down…) */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type QueryValue = string | number | boolean | null | undefined;

let onAuthLost: () => void = () => {
  if (window.location.pathname !== '/sign-in') window.location.assign('/sign-in');
};

/** The app installs a router-aware handler; the default does a full navigation. */
export function setAuthLostHandler(handler: () => void): void {
  onAuthLost = handler;
}

/** Empty values are left out of the query string (an empty search box is no filter). */
function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = (Array.isArray(value) ? value : [value]) as QueryValue[];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  return params.toString();
}

async function parseProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return problemOf(res, await res.json());
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: res.statusText };
}

/** An error answer as the typed client read it (JSON when it was JSON, else its text). */
function problemOf(res: Response, body: unknown): Problem {
  if (!body || typeof body !== 'object') return { status: res.status, title: res.statusText };
  const problem = body as Problem & { message?: string | string[] };
  if (!problem.detail && problem.message) {
    problem.detail = Array.isArray(problem.message) ? problem.message.join('; ') : problem.message;
  }
  return problem;
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { title: 'Network error' });
  }
}

function withToken(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Exchange the refresh token for a new pair. Concurrent callers share one request,
 * so a burst of 401s causes a single refresh.
 */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const session = getSession();
      if (!session) return false;
      try {
        const { data } = await publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
        if (!data) return false;
        setSession({ accessToken: data.accessToken, refreshToken: data.refreshToken ?? session.refreshToken });
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

let onStepUp: (() => Promise<boolean>) | null = null;

/** The app installs a prompt for the authenticator code (403 STEP_UP_REQUIRED); it resolves true once proven. */
export function setStepUpHandler(handler: (() => Promise<boolean>) | null): void {
  onStepUp = handler;
}

async function isStepUp(res: Response): Promise<boolean> {
  if (res.status !== 403) return false;
  try {
    return ((await res.clone().json()) as Problem).code === 'STEP_UP_REQUIRED';
  } catch {
    return false;
  }
}

/**
 * Sends with the bearer token; on 401 refreshes the session once and tries again; on 403
 * STEP_UP_REQUIRED asks for the second factor and, once proven, sends the request again.
 */
async function staffFetch(request: Request): Promise<Response> {
  const afterStepUp = request.clone();
  const res = await sessionFetch(request);
  if (onStepUp && (await isStepUp(res)) && (await onStepUp())) return sessionFetch(afterStepUp);
  return res;
}

async function sessionFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const token = getSession()?.accessToken ?? null;
  let res = await send(withToken(request, token));
  if (res.status === 401 && token) {
    if (await refreshSession()) {
      res = await send(withToken(again, getSession()?.accessToken ?? null));
    }
    if (res.status === 401) {
      clearSession();
      onAuthLost();
    }
  }
  return res;
}

const ACCEPT = { Accept: 'application/json, application/problem+json' };

/** The API, typed from its OpenAPI spec (schema.d.ts): staff calls with the bearer token. */
export const api = createClient<paths>({ fetch: staffFetch, headers: ACCEPT, querySerializer: queryString });

/** Calls without the staff token: sign-in, refresh, and the consumer's pages (X-Consumer-Token). */
export const publicApi = createClient<paths>({ fetch: send, headers: ACCEPT, querySerializer: queryString });

/** The consumer's access token instead of the staff bearer token. */
export const consumerHeaders = (accessToken: string) => ({ 'x-consumer-token': accessToken });

/** The data of a typed call, or its problem+json as an ApiError. */
export async function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, problemOf(response, error));
  return data as D;
}

/** A multipart POST (file uploads: the spec has no body for them); the browser sets the boundary. */
export async function upload<T>(path: string, form: FormData, opts: { auth?: boolean; query?: Record<string, QueryValue> } = {}): Promise<T> {
  const qs = queryString(opts.query);
  const request = new Request(qs ? `${path}?${qs}` : path, { method: 'POST', headers: ACCEPT, body: form });
  const res = await (opts.auth === false ? send(request) : staffFetch(request));
  if (!res.ok) throw new ApiError(res.status, await parseProblem(res));
  if (res.status === 204 || !(res.headers.get('content-type') ?? '').includes('json')) return undefined as T;
  return (await res.json()) as T;
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : null;
}

/** A list's query as a query string for its export (no page: an export holds every row the filters select). */
export function exportQuery(query: Record<string, unknown>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') qs.set(k, String(v));
  return qs.toString();
}

/** GET a file with the token and hand it to the browser as a download. */
export async function downloadFile(path: string, fallbackName: string, opts: { auth?: boolean; headers?: Record<string, string> } = {}): Promise<void> {
  const request = new Request(path, { headers: { Accept: '*/*', ...opts.headers } });
  const res = await (opts.auth === false ? send(request) : staffFetch(request));
  if (!res.ok) throw new ApiError(res.status, await parseProblem(res));
  const blob = await res.blob();
  const name = dispositionFileName(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
