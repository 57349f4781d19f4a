import type { MessageChannel } from '@accord/contracts';
import { api, downloadFile, exportQuery, ok, type Schemas } from './http';

export type { MessageChannel, MessageStatus } from '@accord/contracts';
/** One SMS or e-mail of the center's message log (with the development transports, the only place it arrives). */
export type OutboundMessage = Schemas['MessageView'];

export const messageKeys = {
  all: ['messages'] as const,
  list: (page: number, pageSize: number, channel?: MessageChannel) => ['messages', { page, pageSize, channel }] as const,
  one: (id: string) => ['messages', 'one', id] as const,
};

export const messagesApi = {
  list: (query: { page: number; pageSize: number; channel?: MessageChannel }, signal?: AbortSignal) => ok(api.GET('/api/v1/messages', { params: { query }, signal })),
  /** The log as XLSX with its channel filter; link tokens and codes masked in the file. */
  exportList: (query: { channel?: MessageChannel }) => downloadFile(`/api/v1/messages.xlsx?${exportQuery(query)}`, 'messages.xlsx'),
  get: (id: string, signal?: AbortSignal) => ok(api.GET('/api/v1/messages/{id}', { params: { path: { id } }, signal })),
};
