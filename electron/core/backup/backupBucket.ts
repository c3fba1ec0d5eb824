import type { S3ClientConfig } from '@aws-sdk/client-s3';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BackupConfig } from './BackupConfig.js';
import { classifyS3Error } from './classifyS3Error.js';
import type { RetryOptions } from './retryPolicy.js';
import { DEFAULT_RETRY, withRetry } from './retryPolicy.js';

/** Above this, `Upload` splits into parts: one failed part is retried, not the whole object. */
export const MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;

export type BucketStats = {
  puts: number;
  putBytes: number;
  manifestPuts: number;
  gets: number;
  deletes: number;
  preconditionFailures: number;
  retries: number;
};

export function createS3Client(config: BackupConfig): S3Client {
  const options: S3ClientConfig = {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Retries are ours (full jitter, classified, visible in the status); the SDK's would hide them.
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: Math.min(config.requestTimeoutMs, 10_000),
      // Idle time on the socket: a stalled endpoint fails fast while a slow large upload that
      // keeps moving does not; the total cap only catches a trickle that never finishes.
      socketTimeout: config.requestTimeoutMs,
      requestTimeout: config.requestTimeoutMs * 10,
      throwOnRequestTimeout: true,
    },
    // Many S3-compatible stores reject the CRC trailers the SDK sends by default since 2025.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (config.endpoint !== undefined) options.endpoint = config.endpoint;
  return new S3Client(options);
}

export type Conditions = Readonly<{ ifMatch?: string; ifNoneMatch?: '*' }>;

/**
 * Usage: `const b = new BackupBucket(client, bucket, 'wa-inbox/acc1/')`; keys passed in are
 * relative to that folder. Every call is retried on transient errors; counts feed tests/bench.
 */
export class BackupBucket {
  readonly stats: BucketStats = {
    puts: 0,
    putBytes: 0,
    manifestPuts: 0,
    gets: 0,
    deletes: 0,
    preconditionFailures: 0,
    retries: 0,
  };
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #folder: string;
  readonly #retry: RetryOptions;

  constructor(client: S3Client, bucket: string, folder: string, retry: RetryOptions = DEFAULT_RETRY) {
    this.#client = client;
    this.#bucket = bucket;
    this.#folder = folder;
    this.#retry = {
      ...retry,
      onRetry: (info) => {
        this.stats.retries += 1;
        retry.onRetry?.(info);
      },
    };
  }

  get folder(): string {
    return this.#folder;
  }

  async get(name: string): Promise<{ body: Buffer; etag: string } | undefined> {
    return withRetry(async () => {
      this.stats.gets += 1;
      try {
        const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#folder + name }));
        const bytes = await out.Body?.transformToByteArray();
        return { body: Buffer.from(bytes ?? new Uint8Array()), etag: out.ETag ?? '' };
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    }, this.#retry);
  }

  /** Conditional when asked: a 412 is thrown (never retried here) for the caller to merge. */
  async put(name: string, body: Buffer, conditions: Conditions = {}): Promise<string> {
    const isManifest = conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
    return withRetry(async () => {
      this.stats.puts += 1;
      if (isManifest) this.stats.manifestPuts += 1;
      this.stats.putBytes += body.length;
      try {
        if (!isManifest && body.length > MULTIPART_THRESHOLD_BYTES) {
          const upload = new Upload({
            client: this.#client,
            params: { Bucket: this.#bucket, Key: this.#folder + name, Body: body },
            partSize: MULTIPART_THRESHOLD_BYTES,
            queueSize: 2,
          });
          const out = await upload.done();
          return out.ETag ?? '';
        }
        const out = await this.#client.send(
          new PutObjectCommand({
            Bucket: this.#bucket,
            Key: this.#folder + name,
            Body: body,
            ContentLength: body.length,
            ...(conditions.ifMatch === undefined ? {} : { IfMatch: conditions.ifMatch }),
            ...(conditions.ifNoneMatch === undefined ? {} : { IfNoneMatch: conditions.ifNoneMatch }),
          }),
        );
        return out.ETag ?? '';
      } catch (err) {
        if (classifyS3Error(err).code === 'preconditionFailed') this.stats.preconditionFailures += 1;
        throw err;
      }
    }, this.#retry);
  }

  async delete(names: readonly string[]): Promise<void> {
    for (let i = 0; i < names.length; i += 1000) {
      const batch = names.slice(i, i + 1000);
      await withRetry(async () => {
        this.stats.deletes += batch.length;
        await this.#client.send(
          new DeleteObjectsCommand({
            Bucket: this.#bucket,
            Delete: { Objects: batch.map((n) => ({ Key: this.#folder + n })), Quiet: true },
          }),
        );
      }, this.#retry);
    }
  }

  /** Names (relative) with their age, for sweeping objects no manifest references. */
  async list(under: string): Promise<{ name: string; lastModified: number; size: number }[]> {
    const out: { name: string; lastModified: number; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await withRetry(
        () =>
          this.#client.send(
            new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.#folder + under, ContinuationToken: token }),
          ),
        this.#retry,
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        out.push({
          name: item.Key.slice(this.#folder.length),
          lastModified: item.LastModified?.getTime() ?? 0,
          size: item.Size ?? 0,
        });
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out;
  }

  /**
   * One cheap authenticated read of the bucket. A LIST rather than a HEAD: HEAD answers carry
   * no body, so a bad key and a refusal would both be a bare 403.
   */
  async probe(): Promise<void> {
    await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.#folder, MaxKeys: 1 }));
  }

  destroy(): void {
    this.#client.destroy();
  }
}
