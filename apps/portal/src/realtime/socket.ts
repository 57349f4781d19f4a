import { useCallback, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { refreshSession } from '../api/http';
import { getSession } from '../auth/session';

export interface LiveEvent {
  seq: number;
  name: string;
  args: unknown[];
  receivedAt: string;
}

/**
 * A socket.io connection to the same origin. `auth` is a callback so every (re)connection
 * sends the current access token, also after it has been refreshed.
 */
export function connectSocket(): Socket {
  return io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => cb({ token: getSession()?.accessToken ?? '' }),
  });
}

/** Connection state and the events received (any name), newest first. */
export function useLiveEvents(max = 100) {
  const [connected, setConnected] = useState(false);
  const [events, setEvents] = useState<LiveEvent[]>([]);

  useEffect(() => {
    const socket = connectSocket();
    let seq = 0;
    let refreshTried = false;

    const retryWithFreshToken = () => {
      if (refreshTried) return;
      refreshTried = true;
      void refreshSession().then((ok) => {
        if (ok && !socket.connected) socket.connect();
      });
    };

    socket.on('connect', () => {
      refreshTried = false;
      setConnected(true);
    });
    socket.on('disconnect', (reason) => {
      setConnected(false);
      // the server closed us (e.g. the token expired): reconnect once with a refreshed token
      if (reason === 'io server disconnect') retryWithFreshToken();
    });
    socket.on('connect_error', () => {
      setConnected(false);
      // not `active` = refused by the server's middleware (auth); it won't retry by itself
      if (!socket.active) retryWithFreshToken();
    });
    socket.onAny((name: string, ...args: unknown[]) => {
      seq += 1;
      const ev: LiveEvent = { seq, name, args, receivedAt: new Date().toISOString() };
      setEvents((prev) => [ev, ...prev].slice(0, max));
    });

    return () => {
      socket.offAny();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [max]);

  const clear = useCallback(() => setEvents([]), []);
  return { connected, events, clear };
}
