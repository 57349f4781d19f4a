// The same-work baseline of `GET /api/v1/me` for `npm run bench`: bare Fastify verifying the
// same access token the API verifies (jsonwebtoken through @nestjs/jwt, HS256, issuer, audience, expiry, type, the
// same secret) and running the same session query (auth_session_active, prepared) with pg as
// the application role, over a pool as large as the API's. What the API does beyond this is
// its framework, its guards and interceptors, and the profile it answers.
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';

// The same @nestjs/jwt JwtService the API's TokenService verifies with (jsonwebtoken underneath).
const jwt = new JwtService({ secret: createSecretKey(Buffer.from(process.env.JWT_SECRET)) });
const verifyOptions = { algorithms: ['HS256'], issuer: 'accord', audience: 'accord-api' };
const pool = new pg.Pool({ connectionString: process.env.APP_DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE) || 20 });

const app = Fastify({ logger: false });
app.get('/health', async () => ({ ok: true }));
app.get('/', async (request, reply) => {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  let claims;
  try {
    claims = jwt.verify(token, verifyOptions);
  } catch {
    return reply.code(401).send({ code: 'UNAUTHORIZED' });
  }
  if (claims.typ !== 'access' || !claims.sid) return reply.code(401).send({ code: 'UNAUTHORIZED' });
  const { rows } = await pool.query({ name: 'session', text: 'SELECT auth_session_active($1::uuid, $2) AS active', values: [claims.sid, claims.av ?? 0] });
  if (!rows[0].active) return reply.code(401).send({ code: 'SESSION_ENDED' });
  return { id: claims.sub, organisationId: claims.org, kind: claims.kind, roles: claims.roles };
});

const port = Number(process.env.PORT);
await app.listen({ port, host: '127.0.0.1' });

const stop = () => app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
