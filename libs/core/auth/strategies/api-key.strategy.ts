import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { AccessScope } from '../../access/access-scope';
import { ApiKeyService } from '../api-key.service';

/** `X-Api-Key: ak_…` from a bank's own systems: acts as its institution, not as a person. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly keys: ApiKeyService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<AccessScope | false> {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || !key.startsWith('ak_')) return false;
    return (await this.keys.authenticate(key)) ?? false;
  }
}
