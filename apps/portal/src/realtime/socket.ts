import { io, type Socket } from 'socket.io-client';
import { getSession } from '../auth/session';

/**
 * A socket.io connection to the same origin. `auth` is a callback so every (re)connection
 * sends the current access token, also after it has been refreshed, and the last event seq the
 * tab saw (`afterSeq`, once it saw one) so the server replays what it missed while away.
 */
export function connectSocket(lastSeq: () => number | null): Socket {
  return io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => {
      const afterSeq = lastSeq();
      cb({ token: getSession()?.accessToken ?? '', ...(afterSeq === null ? {} : { afterSeq }) });
    },
  });
}
