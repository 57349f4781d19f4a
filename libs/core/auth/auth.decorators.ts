import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@accord/contracts';
import type { AccessScope } from '../access/access-scope';

export const IS_PUBLIC = 'accord:public';
export const REQUIRED_ROLES = 'accord:roles';
export const ALLOW_API_KEY = 'accord:api-key';

/** No sign-in needed (sign-in itself, health, the consumer's links). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** A bank system's API key is accepted here as well as a user's token. */
export const AllowApiKey = () => SetMetadata(ALLOW_API_KEY, true);

/** The caller's access scope, as set by the authentication guard. */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessScope => {
  return ctx.switchToHttp().getRequest<{ user: AccessScope }>().user;
});
