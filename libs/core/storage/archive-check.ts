import { DomainError } from '../errors/domain-error';

/** Office documents (OOXML) are zip containers; so are archives. */
export const ZIP_CONTAINER_TYPES = new Set([
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export interface ArchiveLimits {
  /** All entries together, expanded. */
  maxExpandedBytes: number;
  /** Expanded size over the file's size on the wire; real documents stay far below it. */
  maxRatio: number;
  maxEntries: number;
  /** Below this expanded size the ratio is not held against a file (a small, repetitive XML part is harmless). */
  ratioFreeBytes: number;
}

/** 64 MiB expanded, 100:1 past 8 MiB, 10,000 entries: a 20 MiB spreadsheet of text is ~10:1, a bomb 1000:1 or more. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxExpandedBytes: 64 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000, ratioFreeBytes: 8 * 1024 * 1024 };

export const ArchiveRefused = (reason: string, extensions: Record<string, unknown> = {}) =>
  new DomainError('ARCHIVE_REFUSED', 422, `The document expands too much to be accepted (${reason})`, extensions);

/* yauzl ships no types; only what is used here. */
interface ZipEntry {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
}
interface ZipFile {
  entryCount: number;
  readEntry(): void;
  openReadStream(entry: ZipEntry, cb: (err: Error | null, stream: NodeJS.ReadableStream & { destroy(): void }) => void): void;
  close(): void;
  on(event: 'entry', cb: (entry: ZipEntry) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
}
const yauzl = require('yauzl') as {
  fromBuffer(buffer: Buffer, options: { lazyEntries: boolean; validateEntrySizes?: boolean }, cb: (err: Error | null, zip: ZipFile) => void): void;
};

/**
 * Refuses a zip bomb before it is stored. First the central directory alone (declared sizes:
 * the total and the ratio); then the entries are inflated as a stream, counting bytes and keeping
 * none, and stopped the moment the total passes the limit — so a directory that lies about the
 * sizes is caught too (yauzl also fails an entry that inflates past its declared size), and at
 * most `maxExpandedBytes` are ever inflated. A file that is not a readable zip is refused as well.
 */
export async function assertArchiveWithinLimits(body: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<void> {
  const allowed = Math.min(limits.maxExpandedBytes, Math.max(body.length * limits.maxRatio, limits.ratioFreeBytes));
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(body, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(ArchiveRefused('not a readable zip container')) : resolve(z))),
  );
  try {
    if (zip.entryCount > limits.maxEntries) throw ArchiveRefused(`more than ${limits.maxEntries} entries`, { entries: zip.entryCount });
    const entries = await new Promise<ZipEntry[]>((resolve, reject) => {
      const seen: ZipEntry[] = [];
      let declared = 0;
      zip.on('error', () => reject(ArchiveRefused('a damaged zip directory')));
      zip.on('end', () => resolve(seen));
      zip.on('entry', (entry) => {
        declared += entry.uncompressedSize;
        if (declared > allowed) return reject(refusal(declared, body.length, limits));
        seen.push(entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      await new Promise<void>((resolve, reject) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(ArchiveRefused('an entry that cannot be read'));
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > allowed) {
              stream.destroy();
              reject(refusal(inflated, body.length, limits));
            }
          });
          stream.on('error', () => reject(ArchiveRefused('an entry larger than its directory says')));
          stream.on('end', () => resolve());
        });
      });
    }
  } finally {
    zip.close();
  }
}

function refusal(expanded: number, onWire: number, limits: ArchiveLimits): DomainError {
  const reason = expanded > limits.maxExpandedBytes ? `more than ${limits.maxExpandedBytes} bytes expanded` : `expands more than ${limits.maxRatio}:1`;
  return ArchiveRefused(reason, { maxExpandedBytes: limits.maxExpandedBytes, maxRatio: limits.maxRatio, sizeBytes: onWire });
}
