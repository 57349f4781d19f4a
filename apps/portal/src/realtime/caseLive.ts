import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import { rooms, type RealtimeEnvelope, type ServerToClientEvents } from '@accord/contracts';
import { refreshSession } from '../api/http';
import { caseKeys } from '../api/cases';
import { notificationKeys } from '../api/notifications';
import { scheduleKeys } from '../api/scheduling';
import { connectSocket } from './socket';

type CaseUpdated = ServerToClientEvents['case.updated'] extends RealtimeEnvelope<infer D> ? D : never;
type SessionUpdated = ServerToClientEvents['session.updated'] extends RealtimeEnvelope<infer D> ? D : never;

/**
 * One socket shared by every case screen of the tab (reference counted), so opening a case
 * from a list doesn't open a second connection.
 */
let shared: { socket: Socket; users: number } | null = null;

function acquire(): Socket {
  if (shared) {
    shared.users += 1;
    return shared.socket;
  }
  const socket = connectSocket();
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
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') retryWithFreshToken();
  });
  socket.on('connect_error', () => {
    if (!socket.active) retryWithFreshToken();
  });
  shared = { socket, users: 1 };
  return socket;
}

function release(socket: Socket): void {
  if (!shared || shared.socket !== socket) return;
  shared.users -= 1;
  if (shared.users === 0) {
    socket.removeAllListeners();
    socket.disconnect();
    shared = null;
  }
}

function payload<D extends { caseId: string }>(envelope: unknown): D | null {
  const data = (envelope as RealtimeEnvelope<D> | undefined)?.data;
  return data && typeof data.caseId === 'string' ? data : null;
}

/** Calls `onUpdate` for every 'case.updated' the user receives (org rooms, user room, joined case rooms). */
export function useCaseUpdates(onUpdate: (data: CaseUpdated) => void, caseId?: string): void {
  useLiveEvent('case.updated', onUpdate, caseId);
}

/** Calls `onUpdate` for every 'session.updated' (booked, moved, cancelled…) the user receives. */
export function useSessionUpdates(onUpdate: (data: SessionUpdated) => void, caseId?: string): void {
  useLiveEvent('session.updated', onUpdate, caseId);
}

/** One event of the shared socket; joins the case's room while mounted when a case is given. */
function useLiveEvent<D extends { caseId: string }>(event: 'case.updated' | 'session.updated', onUpdate: (data: D) => void, caseId?: string): void {
  const handler = useRef(onUpdate);
  useEffect(() => {
    handler.current = onUpdate;
  });

  useEffect(() => {
    const socket = acquire();
    const room = caseId ? rooms.case(caseId) : null;
    const join = () => {
      if (room) socket.emit('rooms.join', room, () => undefined);
    };
    const onEvent = (envelope: unknown) => {
      const data = payload<D>(envelope);
      if (data) handler.current(data);
    };
    socket.on(event as string, onEvent);
    // (re)join the case room on every (re)connection: rooms don't survive a reconnect
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      socket.off(event as string, onEvent);
      socket.off('connect', join);
      if (room && socket.connected) socket.emit('rooms.leave', room, () => undefined);
      release(socket);
    };
  }, [event, caseId]);
}

/** List screens: refetch the lists (and the caseload board) whenever any case changes. */
export function useCaseListsLive(): void {
  const queryClient = useQueryClient();
  useCaseUpdates(() => {
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    void queryClient.invalidateQueries({ queryKey: caseKeys.caseload });
  });
}

/** A case page: join the case's room and refetch its detail, timeline, attachments and sessions on change. */
export function useCaseLive(caseId: string): void {
  const queryClient = useQueryClient();
  const onChange = (data: { caseId: string }) => {
    if (data.caseId === caseId) {
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(caseId) });
    }
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
  };
  useCaseUpdates(onChange, caseId);
  useSessionUpdates((data) => {
    onChange(data);
    void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
  }, caseId);
}

/** Calendars: refetch every calendar (and the case the session belongs to) whenever a session changes. */
export function useSessionsLive(): void {
  const queryClient = useQueryClient();
  useSessionUpdates((data) => {
    void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
    void queryClient.invalidateQueries({ queryKey: caseKeys.one(data.caseId) });
  });
}

/**
 * The warnings page and the console's panel: refetch whenever a warning is raised for the user
 * (institution or jurisdiction) or moves on (acknowledged, a notice sent or answered).
 */
export function useWarningsLive(onChange: (data: { warningId: string }) => void): void {
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  });
  useEffect(() => {
    const socket = acquire();
    const onEvent = (e: { data: { warningId: string } }) => handler.current(e.data);
    socket.on('warning.raised', onEvent);
    socket.on('warning.updated', onEvent);
    return () => {
      socket.off('warning.raised', onEvent);
      socket.off('warning.updated', onEvent);
      release(socket);
    };
  }, []);
}

/** Whether the shared socket is connected now (the home page's 已连接 badge), without a socket of its own. */
export function useLiveConnection(): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const socket = acquire();
    const on = () => setConnected(true);
    const off = () => setConnected(false);
    socket.on('connect', on);
    socket.on('disconnect', off);
    socket.on('connect_error', off);
    setConnected(socket.connected);
    return () => {
      socket.off('connect', on);
      socket.off('disconnect', off);
      socket.off('connect_error', off);
      release(socket);
    };
  }, []);
  return connected;
}

/** The home pages: every card refetches when a case or a session changes (lists, caseload, obligations, calendars). */
export function useHomeLive(): void {
  const queryClient = useQueryClient();
  useCaseListsLive();
  useSessionsLive();
  useCaseUpdates(() => {
    void queryClient.invalidateQueries({ queryKey: ['obligations'] });
  });
}

/**
 * The bell and the inbox: a notification created for the user, or read in another tab, refetches
 * the count and the lists; so does every (re)connection, since events missed while the socket was
 * down are caught up over REST. `onCreated` hears each new one (its id and kind).
 */
export function useNotificationsLive(onCreated?: (data: { notificationId: string; kind: string }) => void): void {
  const queryClient = useQueryClient();
  const handler = useRef(onCreated);
  useEffect(() => {
    handler.current = onCreated;
  });
  useEffect(() => {
    const socket = acquire();
    const refetch = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    const created = (e: { data: { notificationId: string; kind: string } }) => {
      refetch();
      handler.current?.(e.data);
    };
    socket.on('notification.created', created);
    socket.on('notification.read', refetch);
    socket.on('connect', refetch);
    return () => {
      socket.off('notification.created', created);
      socket.off('notification.read', refetch);
      socket.off('connect', refetch);
      release(socket);
    };
  }, [queryClient]);
}
