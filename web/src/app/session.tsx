import type { Permission } from '@dieuhanh/core/access/permissions';
import type { Me } from '@dieuhanh/core/api/auth';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authApi } from '../api/auth.ts';
import { type ApiError, onUnauthenticated, setCsrfToken, toApiError } from '../api/client.ts';

/**
 * Who is logged in. The server is the authority (httpOnly session cookie); the app asks
 * `/api/me` on start and after login, and falls back to the login page whenever a request
 * answers 401.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'error'; error: ApiError }
  | { status: 'authenticated'; me: Me };

interface SessionValue {
  state: SessionState;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const loadMe = useCallback(async () => {
    try {
      const me = await authApi.me();
      setCsrfToken(me.csrfToken);
      setState({ status: 'authenticated', me });
    } catch (error) {
      const apiError = toApiError(error);
      setCsrfToken(null);
      setState(
        apiError.status === 401
          ? { status: 'anonymous', expired: false }
          : { status: 'error', error: apiError },
      );
    }
  }, []);

  useEffect(() => {
    void loadMe();
    return onUnauthenticated(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'authenticated' ? { status: 'anonymous', expired: true } : s));
    });
  }, [loadMe]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await authApi.login(username, password);
    setCsrfToken(result.csrfToken);
    const me = await authApi.me();
    setCsrfToken(me.csrfToken ?? result.csrfToken);
    setState({ status: 'authenticated', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh: loadMe }), [state, login, logout, loadMe]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in user; only for components rendered behind `RequireAuth`. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a session');
  return state.me;
}

/** Whether the current user holds a permission somewhere (the server still checks the unit). */
export function useCan(): (permission: Permission) => boolean {
  const { state } = useSession();
  const permissions = state.status === 'authenticated' ? state.me.permissions : null;
  return useCallback((permission: Permission) => permissions?.includes(permission) ?? false, [permissions]);
}
