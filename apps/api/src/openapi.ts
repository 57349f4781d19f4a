import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CODES } from '@accord/contracts';
import derivedFromTypes from './openapi-types.json';

type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };
type Parameter = { name: string; in: string; description?: string; schema?: Record<string, unknown> };

/** What `npm run openapi` derives from the TypeScript types (scripts/lib/api-schemas.mjs). */
export interface DerivedFromTypes {
  schemas: Record<string, Schema>;
  /** operation id → the query parameters of its @Query() DTO */
  queries: Record<string, Parameter[]>;
}

/** What SwaggerModule already knew of a field (from @ApiProperty) and is kept beside the derived type. */
const KEEP = ['description', 'example', 'minLength', 'maxLength', 'minimum', 'maximum', 'default', 'format', 'pattern'];
const kept = (from: Record<string, unknown> | undefined) => Object.fromEntries(KEEP.filter((k) => from?.[k] !== undefined).map((k) => [k, from![k]]));

/**
 * The spec served at /api/docs and written to apps/api/openapi.json: SwaggerModule's document,
 * completed with the answer and DTO schemas derived from the types (the portal's client is
 * generated from it).
 */
export function buildOpenApi(app: NestFastifyApplication, derived: DerivedFromTypes = derivedFromTypes as DerivedFromTypes): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Accord API')
    .setDescription('Financial-consumer dispute mediation: centers, member institutions, regulators. Errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(derived.schemas)) {
    const before = schemas[name]?.properties ?? {};
    const properties = schema.properties && Object.fromEntries(Object.entries(schema.properties).map(([p, s]) => [p, { ...s, ...kept(before[p]) }]));
    schemas[name] = properties ? { ...schema, properties } : schema;
  }
  schemas.Problem = problemSchema();
  document.components = { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) };
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; parameters?: Parameter[]; responses?: Record<string, unknown> }[]) {
      op.responses = { ...op.responses, default: PROBLEM_RESPONSE };
      const query = op.operationId ? derived.queries[op.operationId] : undefined;
      if (!query) continue;
      const given = new Map((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
      const merged = query.map((p) => {
        const before = given.get(p.name);
        return before ? { ...p, ...(before.description ? { description: before.description } : {}), schema: { ...p.schema, ...kept(before.schema) } } : p;
      });
      op.parameters = [...(op.parameters ?? []).filter((p) => p.in !== 'query'), ...merged];
    }
  }
  return document;
}

const PROBLEM_RESPONSE = {
  description: 'An error: problem+json whose `code` is one of the Problem schema\'s list',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** RFC 9457 problem details with the codes of libs/contracts/problem.ts (PROBLEM_CODES), each with its status and meaning. */
function problemSchema(): Schema {
  const codes = Object.entries(PROBLEM_CODES);
  return {
    type: 'object',
    description: 'Every error the API answers (application/problem+json). Branch on `code`, never on `title` or `detail`.',
    properties: {
      type: { type: 'string', description: 'A URI naming the problem, derived from the code' },
      title: { type: 'string', description: 'The HTTP status in words' },
      status: { type: 'integer', description: 'The HTTP status' },
      code: {
        type: 'string',
        enum: codes.map(([code]) => code),
        description: ['A stable code (HTTP status — meaning):', ...codes.map(([code, c]) => `- \`${code}\` (${c.status}) — ${c.description}`)].join('\n'),
      },
      detail: { type: 'string', description: 'What went wrong, for a person (English)' },
      instance: { type: 'string', description: 'The request path' },
      errors: {
        type: 'array',
        description: 'With VALIDATION_FAILED: each field at fault',
        items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
      },
      requestId: { type: 'string', description: 'The X-Request-Id of the request: give it when reporting a problem' },
    },
    required: ['type', 'title', 'status', 'code'],
    additionalProperties: true,
  };
}
