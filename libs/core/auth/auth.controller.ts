import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PageQueryDto } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiKeyService } from './api-key.service';
import { Public, Roles } from './auth.decorators';
import { AuthService, TokenPair } from './auth.service';
import { CreateApiKeyDto, RefreshDto, SignInDto, UpdateApiKeyDto } from './dto/sign-in.dto';
import { PendingCodeDto, PendingSignInDto, SecondFactorCodeDto } from './dto/second-factor.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { ApiCreated, ApiItems, ApiPage, ApiResult } from '../http/api-result';
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

  /** Second step of sign-in when the first answered SECOND_FACTOR_REQUIRED with stage "code". */
  @Public()
  @Post('second-factor/sign-in')
  @HttpCode(200)
  @ApiResult('TokenPair')
  signInWithCode(@Body() body: PendingCodeDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.signInWithCode(body.secondFactorToken, body.code, clientOf(request));
  }

  /** Stage "enrol": a user who must have a second factor sets it up before their first session. */
  @Public()
  @Post('second-factor/sign-in/enrolment')
  @HttpCode(200)
  @ApiResult('SecondFactorEnrolment')
  beginEnrolmentAtSignIn(@Body() body: PendingSignInDto, @Req() request: FastifyRequest) {
    return this.auth.beginEnrolmentAtSignIn(body.secondFactorToken, clientOf(request));
  }

  @Public()
  @Post('second-factor/sign-in/enrolment/confirm')
  @HttpCode(200)
  @ApiResult('TokenPair')
  confirmEnrolmentAtSignIn(@Body() body: PendingCodeDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.confirmEnrolmentAtSignIn(body.secondFactorToken, body.code, clientOf(request));
  }

  @ApiBearerAuth()
  @Get('second-factor')
  @ApiResult('SecondFactorStatus')
  secondFactor() {
    return this.auth.secondFactorStatus();
  }

  /** Set up (or, after a step-up, replace) the authenticator; confirm with its first code. */
  @ApiBearerAuth()
  @Post('second-factor/enrolment')
  @HttpCode(200)
  @ApiResult('SecondFactorEnrolment')
  beginEnrolment() {
    return this.auth.beginEnrolment();
  }

  @ApiBearerAuth()
  @Post('second-factor/enrolment/confirm')
  @HttpCode(200)
  @ApiResult('RecoveryCodes')
  confirmEnrolment(@Body() body: SecondFactorCodeDto) {
    return this.auth.confirmEnrolment(body.code);
  }

  @ApiBearerAuth()
  @Post('second-factor/recovery-codes')
  @HttpCode(200)
  @ApiResult('RecoveryCodes')
  newRecoveryCodes() {
    return this.auth.newRecoveryCodes();
  }

  /** Proves the second factor again; sensitive actions answer STEP_UP_REQUIRED after 15 minutes. */
  @ApiBearerAuth()
  @Post('step-up')
  @HttpCode(204)
  stepUp(@Body() body: SecondFactorCodeDto): Promise<void> {
    return this.auth.stepUp(body.code);
  }

  @ApiBearerAuth()
  @Get('sessions')
  @ApiItems('SignedInSessionView')
  sessions() {
    return this.auth.mySessions();
  }

  @ApiBearerAuth()
  @Post('sessions/revoke-others')
  @HttpCode(200)
  @ApiResult('RevokedSessions')
  revokeOtherSessions() {
    return this.auth.revokeMyOtherSessions();
  }

  @ApiBearerAuth()
  @Delete('sessions/:id')
  @HttpCode(204)
  revokeSession(@Param('id', new UuidParam('Session')) id: string): Promise<void> {
    return this.auth.revokeMySession(id);
  }
}

const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'], requestId: String(request.id) });

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
