import type { FastifyReply, FastifyRequest } from 'fastify';
import { FieldError, ValidationFailedError } from '../errors';

export interface Upload {
  fileName: string;
  /** Undefined when the upload ran past the size limit. */
  body: Buffer | undefined;
  /** The form's other fields. */
  fields: Record<string, string>;
}

const invalid = (message: string) => new ValidationFailedError([new FieldError('file', message)]);

/** Reads one uploaded file, noting (instead of throwing) when it ran past the size limit. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw invalid('send the file as multipart/form-data');
  const part = await req.file();
  if (!part) throw invalid('no file in the request');
  let body: Buffer | undefined;
  try {
    body = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
  }
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const f = Array.isArray(field) ? field[0] : field;
    if (f && 'value' in f && typeof f.value === 'string') fields[name] = f.value;
  }
  return { fileName: part.filename, body, fields };
}

/** A stored file sent as a private download: its type, its name (RFC 5987) and no caching. */
export function asDownload(reply: FastifyReply, file: { body: Buffer; contentType: string; fileName: string }): Buffer {
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store');
  return file.body;
}
