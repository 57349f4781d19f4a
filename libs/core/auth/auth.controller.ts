import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PageQueryDto } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiKeyService } from './api-key.service';
import { Public, Roles } from './auth.decorators';
import { AuthService, TokenPair } from './auth.service';
import { CreateApiKeyDto, RefreshDto, SignInDto, UpdateApiKeyDto } from './dto/sign-in.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { ApiCreated, ApiPage, ApiResult } from '../http/api-result';
import { RateLimit } from '../rate-limit/rate-limit.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimit({ name: 'auth.sign-in', by: 'ip' })
  @UseGuards(LocalAuthGuard)
  @Post('sign-in')
  @HttpCode(200)
  @ApiResult('TokenPair')
  signIn(@Req() request: FastifyRequest & { user: TokenPair }, @Body() _body: SignInDto): TokenPair {
    return request.user;
  }

  @Public()
  @RateLimit({ name: 'auth.refresh', by: 'ip' })
  @Post('refresh')
  @HttpCode(200)
  @ApiResult('TokenPair')
  refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      requestId: String(request.id),
    });
  }

  @ApiBearerAuth()
  @Post('sign-out')
  @HttpCode(204)
  signOut(): Promise<void> {
    return this.auth.signOut();
  }
}

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('institution_admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @ApiPage('ApiKeyView')
  list(@Query() query: PageQueryDto) {
    return this.keys.list(query.page, query.pageSize);
  }

  @Post()
  @ApiCreated('CreatedApiKey')
  create(@Body() body: CreateApiKeyDto) {
    return this.keys.create(body.name, body.ratePerMinute);
  }

  /** The key's quota per minute. */
  @Patch(':id')
  @ApiResult('ApiKeyView')
  update(@Param('id', new UuidParam('API key')) id: string, @Body() body: UpdateApiKeyDto) {
    return this.keys.update(id, body.ratePerMinute);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id', new UuidParam('API key')) id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
