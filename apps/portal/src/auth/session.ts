/** Token storage: sessionStorage key `accord.session` = {accessToken, refreshToken}. */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'accord.session';

export function getSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
  } catch {
    return null;
  }
}

export function setSession(session: Session): void {
  sessionStorage.setItem(
    KEY,
    JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken }),
  );
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
