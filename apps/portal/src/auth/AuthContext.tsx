import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { setAuthLostHandler } from '../api/http';
import { authApi } from '../api/organisations';
import type { Me } from '../api/types';
import { clearSession, getSession, setSession } from './session';

export const ME_KEY = ['me'] as const;

interface AuthContextValue {
  signedIn: boolean;
  /** the session was lost (refresh failed), as opposed to a sign-out */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<Me>;
  /** Takes the tokens of a sign-in finished in steps (the second factor). */
  adopt: (pair: { accessToken: string; refreshToken: string; user?: Me }) => Me | undefined;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [signedIn, setSignedIn] = useState(() => getSession() !== null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    // <RequireAuth> then redirects to /sign-in, remembering the page to come back to
    setAuthLostHandler(() => {
      setExpired(true);
      setSignedIn(false);
      // drop cached data once the signed-in tree has unmounted
      setTimeout(() => queryClient.clear(), 0);
    });
  }, [queryClient]);

  const adopt = useCallback(
    (res: { accessToken: string; refreshToken: string; user?: Me }) => {
      setSession({ accessToken: res.accessToken, refreshToken: res.refreshToken });
      queryClient.clear();
      if (res.user) queryClient.setQueryData(ME_KEY, res.user);
      setExpired(false);
      setSignedIn(true);
      return res.user;
    },
    [queryClient],
  );

  const signIn = useCallback(async (username: string, password: string) => adopt(await authApi.signIn(username, password))!, [adopt]);

  const signOut = useCallback(async () => {
    const session = getSession();
    if (session) {
      try {
        await authApi.signOut();
      } catch {
        /* the local session is dropped whatever the server says */
      }
    }
    clearSession();
    setExpired(false);
    setSignedIn(false);
    navigate('/sign-in', { replace: true });
    setTimeout(() => queryClient.clear(), 0);
  }, [navigate, queryClient]);

  const value = useMemo(() => ({ signedIn, expired, signIn, adopt, signOut }), [signedIn, expired, signIn, adopt, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function useMe() {
  const { signedIn } = useAuth();
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => authApi.me(signal),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only call below <RequireAuth>, where it is loaded. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser before the profile is loaded');
  return data;
}

export function hasAnyRole(me: Pick<Me, 'roles'>, roles: readonly string[] | null): boolean {
  return roles === null || me.roles.some((r) => roles.includes(r));
}
