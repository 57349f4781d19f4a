import { io, type Socket } from 'socket.io-client';
import { getSession } from '../auth/session';

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
