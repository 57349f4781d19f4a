import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, ValidationFailedError } from '../errors/domain-error';
import { SignInDto } from './dto/sign-in.dto';

/** Validates the body first (guards run before pipes), then the local strategy. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<{ body: unknown }>().body ?? {};
    const errors = await validate(plainToInstance(SignInDto, body), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length) {
      throw new ValidationFailedError(
        errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => new FieldError(e.property, m))),
      );
    }
    return (await super.canActivate(context)) as boolean;
  }

  handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    return user;
  }
}
