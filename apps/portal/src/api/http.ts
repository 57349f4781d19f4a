import { clearSession, getSession, setSession } from '../auth/session';

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

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: unknown;
  signal?: AbortSignal;
  /** send the bearer token and refresh it on 401 (default true) */
  auth?: boolean;
  /** extra request headers (e.g. Idempotency-Key) */
  headers?: Record<string, string>;
  /** a multipart body (file uploads); the browser sets the Content-Type with its boundary */
  formData?: FormData;
}

let onAuthLost: () => void = () => {
  if (window.location.pathname !== '/sign-in') window.location.assign('/sign-in');
};

/** The app installs a router-aware handler; the default does a full navigation. */
export function setAuthLostHandler(handler: () => void): void {
  onAuthLost = handler;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (v === undefined || v === null || v === '') continue;
        params.append(key, String(v));
      }
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Problem & { message?: string | string[] };
      if (!body.detail && body.message) {
        body.detail = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      }
      return body;
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: res.statusText };
}

async function send(url: string, method: string, opts: RequestOptions, token: string | null) {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
  if (opts.body !== undefined && !opts.formData) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method,
      headers,
      body: opts.formData ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { title: 'Network error' });
  }
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
        const res = await send('/api/v1/auth/refresh', 'POST', { body: { refreshToken: session.refreshToken } }, null);
        if (!res.ok) return false;
        const body = (await res.json()) as { accessToken: string; refreshToken?: string };
        setSession({ accessToken: body.accessToken, refreshToken: body.refreshToken ?? session.refreshToken });
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

/** Sends with the bearer token; on 401 refreshes the session once and tries again. */
async function sendAuthed(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const url = buildUrl(path, opts.query);
  const useAuth = opts.auth !== false;
  const token = useAuth ? (getSession()?.accessToken ?? null) : null;
  let res = await send(url, method, opts, token);

  if (res.status === 401 && useAuth && token) {
    if (await refreshSession()) {
      res = await send(url, method, opts, getSession()?.accessToken ?? null);
    }
    if (res.status === 401) {
      clearSession();
      onAuthLost();
    }
  }
  return res;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await sendAuthed(method, path, opts);
  if (!res.ok) throw new ApiError(res.status, await parseProblem(res));
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
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

/** GET a file with the token and hand it to the browser as a download. */
export async function downloadFile(path: string, fallbackName: string, opts: Pick<RequestOptions, 'auth' | 'headers'> = {}): Promise<void> {
  const res = await sendAuthed('GET', path, { ...opts, headers: { Accept: '*/*', ...opts.headers } });
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

export const http = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST a multipart form (file uploads). */
  upload: <T>(path: string, formData: FormData) => request<T>('POST', path, { formData }),
};
