import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config';
import { NotFoundError } from '../errors/domain-error';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrapes here. With METRICS_TOKEN set, the scraper sends it as a bearer token;
 * without it only a direct connection from this machine gets an answer (a request that came
 * through a proxy carries X-Forwarded-For, Forwarded or X-Real-IP and is refused, whatever the
 * proxy's address; a proxy on this machine that adds none of them must not pass /metrics on, or
 * set METRICS_TOKEN).
 * Anyone else gets the same 404 as any unknown path.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!this.allowed(request)) throw new NotFoundError('Route', 'ROUTE_NOT_FOUND');
    const { contentType, body } = await this.metrics.metrics();
    void reply.header('content-type', contentType);
    return body;
  }

  private allowed(request: FastifyRequest): boolean {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const given = Buffer.from(String(request.headers.authorization ?? ''));
      const expected = Buffer.from(`Bearer ${token}`);
      return given.length === expected.length && timingSafeEqual(given, expected);
    }
    const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => request.headers[h] !== undefined);
    return LOOPBACK.has(request.raw.socket.remoteAddress ?? '') && !proxied;
  }
}
