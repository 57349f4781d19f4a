import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';

/** Where evidence bytes live. Keys are ours (ids), never user-supplied names. */
export interface BlobStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[a-z0-9/-]+$/.test(key)) throw new Error(`Unsafe storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body, { flag: 'wx' });
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/** Any S3-compatible store (AWS, MinIO, Aliyun OSS, Tencent COS) by configuration. */
class S3BlobStore implements BlobStore {
  private client?: import('@aws-sdk/client-s3').S3Client;

  constructor(private readonly config: AppConfig) {}

  private async s3() {
    const sdk = await import('@aws-sdk/client-s3');
    this.client ??= new sdk.S3Client({
      region: this.config.S3_REGION,
      endpoint: this.config.S3_ENDPOINT,
      forcePathStyle: Boolean(this.config.S3_ENDPOINT),
    });
    return { sdk, client: this.client };
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.config.S3_BUCKET, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer> {
    const { sdk, client } = await this.s3();
    const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.config.S3_BUCKET, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  async remove(key: string): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.config.S3_BUCKET, Key: key }));
  }
}

@Injectable()
export class FileStorage implements BlobStore {
  private readonly store: BlobStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = config.STORAGE_DRIVER === 's3' ? new S3BlobStore(config) : new LocalBlobStore(path.resolve(config.STORAGE_DIR));
  }

  put(key: string, body: Buffer, contentType: string): Promise<void> {
    return this.store.put(key, body, contentType);
  }

  get(key: string): Promise<Buffer> {
    return this.store.get(key);
  }

  remove(key: string): Promise<void> {
    return this.store.remove(key);
  }
}

/** Evidence types accepted, by what the bytes are (file-type's detection), not by the name. */
export const EVIDENCE_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/tiff': 'tif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/x-cfb': 'doc',
};

/** The content type the bytes really are, or undefined when they are not evidence we accept. */
export async function sniffEvidence(body: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(body);
  return found && EVIDENCE_TYPES[found.mime] ? found.mime : undefined;
}
