import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '../config';
import { closeWithin, createRedis, RedisService } from '../redis';
import { Database } from './database.service';
import { listenForCommitSignals } from './signals.repository';

export type CommitSignalListener = (keys: string[]) => void;

/**
 * How long a write that ended sessions or changed users waits for every subscribed process to
 * say it dropped its caches; one that does not answer by then (stalled, or just gone) is not
 * waited for longer: its cache entries still die within their TTL.
 */
const ACK_WAIT_MS = 250;

/** Keys that cached sessions or profiles depend on (the rest, `outbox`, only wake the relay). */
const invalidates = (keys: string[]) => keys.some((k) => k !== 'outbox');

/**
 * Carries what a committed transaction changed (the keys its triggers collected in
 * `app.after_commit`: `s:<session>`, `u:<user>`, `o:<organisation>`, `outbox`) to every API and
 * worker process over Redis pub/sub, and to this process at once. Published after the commit
 * and before the request answers, so the next request — in any process — finds caches dropped:
 * a change to sessions, users or organisations waits (at most ACK_WAIT_MS) until every process
 * subscribed has acknowledged it, because a message merely sent may still sit unread in a busy
 * process's socket when the client's next request reaches it.
 * Listeners: the session cache (sessions and profiles), the outbox relay (wakes). Writers
 * outside the apps (scripts, psql) NOTIFY their keys instead, heard here through LISTEN.
 */
@Injectable()
export class CommitSignals implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('CommitSignals');
  private readonly listeners: CommitSignalListener[] = [];
  private readonly stateListeners: ((ready: boolean) => void)[] = [];
  private subscriber?: Redis;
  private listener?: Client;
  private readonly channel: string;
  private readonly ackChannel: string;
  /** Published changes waiting for acknowledgements: how many came, and who waits. */
  private readonly awaiting = new Map<string, { acks: number; need: number; done: () => void }>();
  private subscribed = false;
  private listening = false;
  /** Subscribed and listening: a change committed now reaches this process. */
  ready = false;

  constructor(
    db: Database,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channel = `${config.REDIS_PREFIX}:after-commit`;
    this.ackChannel = `${this.channel}:ack`;
    db.onCommitted((keys) => this.publish(keys));
  }

  async onModuleInit(): Promise<void> {
    const sub = (this.subscriber = createRedis(this.config.REDIS_URL, { name: 'accord-commit-signals' }));
    sub.on('error', () => undefined);
    // While not subscribed, messages may be missed: listeners hear `false` and must not trust
    // what they cached; after a reconnect they start afresh.
    const down = () => ((this.subscribed = false), this.update());
    sub.on('close', down);
    sub.on('reconnecting', down);
    sub.on('end', down);
    sub.on('ready', () => {
      sub.subscribe(this.channel, this.ackChannel).then(() => ((this.subscribed = true), this.update()), down);
    });
    sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.received(message);
      else if (channel === this.ackChannel) this.acknowledged(message);
    });
    this.listenToPostgres();
  }

  /** Writers outside the apps NOTIFY (see the after-commit-signals migration). */
  private listenToPostgres(): void {
    if (this.stopping) return;
    const client = (this.listener = new Client({ connectionString: this.config.APP_DATABASE_URL, application_name: 'accord-signals' }));
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      this.update();
      client.end().catch(() => undefined);
      setTimeout(() => this.listenToPostgres(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.payload) this.deliver(n.payload.split(','));
    });
    client
      .connect()
      .then(() => listenForCommitSignals(client))
      .then(() => ((this.listening = true), this.update()), lost);
  }

  private update(): void {
    this.setReady(this.subscribed && this.listening);
  }

  /** Hears every key committed anywhere (this process's own at once, before the answer). */
  listen(listener: CommitSignalListener, onState?: (ready: boolean) => void): void {
    this.listeners.push(listener);
    if (onState) this.stateListeners.push(onState);
  }

  /** Message: `<ack id>|<keys>`, the id empty when nobody need wait for the receivers. */
  async publish(keys: string[]): Promise<void> {
    this.deliver(keys);
    const id = invalidates(keys) ? randomUUID() : '';
    // Registered before publishing: acknowledgements can come before PUBLISH's own answer.
    const waiting = id ? this.await(id) : undefined;
    try {
      const receivers = await this.redis.client.publish(this.channel, `${id}|${keys.join(',')}`);
      if (waiting) await waiting(receivers);
    } catch (error) {
      this.logger.warn(`could not publish ${keys.length} change(s) after commit: ${(error as Error).message}`);
    } finally {
      if (id) this.awaiting.delete(id);
    }
  }

  /** Returns a wait for `need` acknowledgements of `id`, bounded by ACK_WAIT_MS. */
  private await(id: string): (need: number) => Promise<void> {
    let done!: () => void;
    const acked = new Promise<void>((resolve) => (done = resolve));
    const entry = { acks: 0, need: Infinity, done };
    this.awaiting.set(id, entry);
    return async (need) => {
      entry.need = need;
      if (entry.acks >= need) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ACK_WAIT_MS)));
      if (await Promise.race([acked.then(() => false), late])) {
        this.logger.warn(`${need - entry.acks} of ${need} process(es) did not acknowledge a session change within ${ACK_WAIT_MS} ms`);
      }
      clearTimeout(timer);
    };
  }

  private received(message: string): void {
    const bar = message.indexOf('|');
    const id = bar > 0 ? message.slice(0, bar) : '';
    this.deliver(message.slice(bar + 1).split(','));
    // Dropped: say so to the writer, who holds its answer until every process has.
    if (id) this.redis.client.publish(this.ackChannel, id).catch(() => undefined);
  }

  private acknowledged(id: string): void {
    const entry = this.awaiting.get(id);
    if (!entry) return;
    entry.acks += 1;
    if (entry.acks >= entry.need) entry.done();
  }

  private deliver(keys: string[]): void {
    for (const listener of this.listeners) listener(keys);
  }

  private setReady(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    for (const listener of this.stateListeners) listener(ready);
  }

  private stopping = false;

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.setReady(false);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    const sub = this.subscriber;
    if (sub) await closeWithin(sub.quit(), 2000, () => sub.disconnect());
  }
}
