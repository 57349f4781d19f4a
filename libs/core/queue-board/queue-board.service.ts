import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hasRole } from '../access/access-scope';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { UnauthorizedError } from '../errors/domain-error';
import { AccessClaims, JWT_ISSUER, scopeFromClaims } from '../auth/token.service';

/** Where the dashboard lives; its cookie is sent to this path only. */
export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'accord_queue_board';
/** Its own audience and type: neither an access token nor this one passes for the other. */
const AUDIENCE = 'accord-queue-board';
const TYPE = 'queue-board';
/** A tab left open longer goes back through the portal's menu for a new cookie. */
const TTL_SECONDS = 10 * 60;

type BoardClaims = Omit<AccessClaims, 'typ'> & { typ: typeof TYPE };

export interface QueueBoardSession {
  url: string;
  /** The Set-Cookie header that lets the browser's full-page navigation in. */
  cookie: string;
}

/**
 * The queue dashboard (bull-board) is reached by a full-page navigation, which carries no
 * bearer token: a platform admin first trades theirs for a short cookie bound to their
 * sign-in session, and every request under the board's path shows it again.
 */
@Injectable()
export class QueueBoardService {
  constructor(
    private readonly jwt: JwtService,
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Runs inside the request's transaction (the caller is a signed-in platform admin). */
  async openSession(secure: boolean): Promise<QueueBoardSession> {
    const scope = this.db.scope;
    const claims: BoardClaims = {
      sub: scope.userId!,
      sid: scope.sessionId!,
      org: scope.organisationId!,
      kind: scope.kind as BoardClaims['kind'],
      roles: scope.roles,
      bp: scope.branchPath,
      cids: scope.centerIds,
      av: scope.accessVersion ?? 0,
      typ: TYPE,
    };
    const token = this.jwt.sign(claims, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: AUDIENCE, expiresIn: TTL_SECONDS });
    await this.audit.record({ action: 'queue-board.opened', subjectType: 'user', subjectId: scope.userId! });
    // A JWT is base64url and dots: nothing in it needs encoding.
    const cookie = [`${QUEUE_BOARD_COOKIE}=${token}`, `Max-Age=${TTL_SECONDS}`, `Path=${QUEUE_BOARD_PATH}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
    return { url: QUEUE_BOARD_PATH, cookie };
  }

  /**
   * Whether a request under the board's path may see it: the cookie's token, valid, of a platform
   * admin whose sign-in session is still live (signed out, disabled or re-roled ends it).
   */
  async admits(token: string | undefined, request: { requestId?: string; ip?: string; method?: string; url?: string } = {}): Promise<boolean> {
    if (!token) return false;
    let claims: BoardClaims;
    try {
      claims = this.jwt.verify<BoardClaims>(token, { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: AUDIENCE });
    } catch {
      return false;
    }
    if (claims.typ !== TYPE || !claims.sid) return false;
    const scope = scopeFromClaims({ ...claims, typ: 'access' });
    if (!hasRole(scope, 'platform_admin')) return false;
    try {
      // What the board changes (retry, clean, remove, promote jobs) is audited in the same step:
      // jobs are the product's events, and someone answers for each one dropped or re-run.
      const acting = request.method !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
      await this.db.run(
        scope,
        async () => {
          if (acting) {
            await this.audit.record({ action: 'queue-board.action', subjectType: 'queue', detail: { method: request.method, path: request.url } });
          }
        },
        { requestId: request.requestId, ip: request.ip, requireSession: true },
      );
      return true;
    } catch (error) {
      if (error instanceof UnauthorizedError) return false;
      throw error;
    }
  }
}
