import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiError } from '../api-error';
import { ApiCredentials } from './api-credentials';
import { hasScope, type Principal, type Scope } from '@app/commanding';

const REQUIRED_SCOPE = 'support-ops:required-scope';

export type AuthenticatedRequest = Request & { principal: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly credentials: ApiCredentials,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new ApiError(401, 'unauthorized', 'Send a bearer token: Authorization: Bearer <API key or JWT>');
    const principal = await this.credentials.authenticate(token);
    if (!principal)
      throw new ApiError(
        401,
        'unauthorized',
        'The bearer token is not valid (unknown key, bad signature, wrong issuer or audience, or expired)',
      );
    const scope = this.reflector.get<Scope>(REQUIRED_SCOPE, context.getHandler());
    if (!hasScope(principal, scope))
      throw new ApiError(403, 'forbidden', `This call needs the scope '${scope}'`, { requiredScope: scope });
    request.principal = principal;
    return true;
  }
}

/** Requires a valid bearer token with `scope` (or `admin`). */
export function Authorized(scope: Scope): MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' }),
    ApiForbiddenResponse({ description: `The token lacks the scope '${scope}'` }),
  );
}
