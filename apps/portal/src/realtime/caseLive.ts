import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import { rooms, type CatchUpReport, type RealtimeEnvelope, type ServerToClientEvents } from '@accord/contracts';
import { refreshSession } from '../api/http';
import { caseKeys } from '../api/cases';
import { notificationKeys } from '../api/notifications';
import { scheduleKeys } from '../api/scheduling';
import { SeqLog } from './seq-log';
import { connectSocket } from './socket';

type CaseUpdated = ServerToClientEvents['case.updated'] extends RealtimeEnvelope<infer D> ? D : never;
type SessionUpdated = ServerToClientEvents['session.updated'] extends RealtimeEnvelope<infer D> ? D : never;

type Listener = (envelope: unknown) => void;

/**
 * One socket shared by every screen of the tab (reference counted), so opening a case from a
 * list doesn't open a second connection. Screens subscribe here, not on the socket: each event
 * is dispatched once per seq — a catch-up replay and the live stream may both carry it — and the
 * highest seq seen goes with the next (re)connection and room (re)join so the server replays
 * what the tab missed. A replay the server cannot complete tells `onResync` listeners to reload.
 */
class SharedSocket {
  readonly socket: Socket;
  users = 1;
  private readonly seqs = new SeqLog();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly resyncs = new Set<() => void>();
  private refreshTried = false;

  constructor() {
    this.socket = connectSocket(() => this.seqs.last);
    this.socket.on('connect', () => {
      this.refreshTried = false;
    });
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') this.retryWithFreshToken();
    });
    this.socket.on('connect_error', () => {
      if (!this.socket.active) this.retryWithFreshToken();
    });
    this.socket.on('events.catch-up', (report: CatchUpReport) => {
      if (!report.complete) for (const resync of this.resyncs) resync();
    });
  }

  /** The seq to ask a replay from when (re)joining a room after a reconnection. */
  get since(): number | null {
    return this.seqs.last;
  }

  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      const listeners = set;
      this.socket.on(event, (envelope: unknown) => {
        if (!this.seqs.first(envelope)) return;
        for (const l of listeners) l(envelope);
      });
    }
    set.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  onResync(resync: () => void): () => void {
    this.resyncs.add(resync);
    return () => this.resyncs.delete(resync);
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private retryWithFreshToken(): void {
    if (this.refreshTried) return;
    this.refreshTried = true;
    void refreshSession().then((ok) => {
      if (ok && !this.socket.connected) this.socket.connect();
    });
  }
}

let shared: SharedSocket | null = null;

function acquire(): SharedSocket {
  if (shared) {
    shared.users += 1;
    return shared;
  }
  shared = new SharedSocket();
  return shared;
}

function release(live: SharedSocket): void {
  if (shared !== live) return;
  live.users -= 1;
  if (live.users === 0) {
    live.close();
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
    const live = acquire();
    const { socket } = live;
    const room = caseId ? rooms.case(caseId) : null;
    // The first join needs no replay (the page has just fetched); a rejoin after a reconnection
    // asks for the room's events since the last one seen.
    let rejoin = false;
    const join = () => {
      const since = live.since;
      if (room) socket.emit('rooms.join', rejoin && since !== null ? { room, afterSeq: since } : room, () => undefined);
      rejoin = true;
    };
    const onEvent = (envelope: unknown) => {
      const data = payload<D>(envelope);
      if (data) handler.current(data);
    };
    live.on(event, onEvent);
    // (re)join the case room on every (re)connection: rooms don't survive a reconnect
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      live.off(event, onEvent);
      socket.off('connect', join);
      if (room && socket.connected) socket.emit('rooms.leave', room, () => undefined);
      release(live);
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
    const live = acquire();
    const onEvent = (e: unknown) => handler.current((e as RealtimeEnvelope<{ warningId: string }>).data);
    live.on('warning.raised', onEvent);
    live.on('warning.updated', onEvent);
    return () => {
      live.off('warning.raised', onEvent);
      live.off('warning.updated', onEvent);
      release(live);
    };
  }, []);
}

/** Whether the shared socket is connected now (the home page's 已连接 badge), without a socket of its own. */
export function useLiveConnection(): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const live = acquire();
    const { socket } = live;
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
      release(live);
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
 * down are caught up over REST. `onCreated` hears each new one (its id and kind). The bell is on
 * every staff page, so it also reloads every query when the server could not replay all a tab
 * missed while away.
 */
export function useNotificationsLive(onCreated?: (data: { notificationId: string; kind: string }) => void): void {
  const queryClient = useQueryClient();
  const handler = useRef(onCreated);
  useEffect(() => {
    handler.current = onCreated;
  });
  useEffect(() => {
    const live = acquire();
    const { socket } = live;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    const created = (e: unknown) => {
      refetch();
      handler.current?.((e as RealtimeEnvelope<{ notificationId: string; kind: string }>).data);
    };
    live.on('notification.created', created);
    live.on('notification.read', refetch);
    socket.on('connect', refetch);
    // A replay the server could not complete: everything on screen may be stale.
    const stopResync = live.onResync(() => void queryClient.invalidateQueries());
    return () => {
      live.off('notification.created', created);
      live.off('notification.read', refetch);
      socket.off('connect', refetch);
      stopResync();
      release(live);
    };
  }, [queryClient]);
}
