import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorld } from './support/test-world';

const root = path.resolve(__dirname, '..');

/**
 * The portal's client types for a spec, as `npm run openapi` generates them (openapi-typescript
 * is ESM: a child process runs it, without blocking the API that runs in this process).
 */
async function clientTypes(document: object): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'accord-openapi-'));
  try {
    writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(document));
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/lib/client-types.mjs'), path.join(dir, 'spec.json')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the portal client against the running server', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await TestWorld.start();
  });
  afterAll(() => world.stop());

  it('the spec the server serves generates exactly the committed apps/portal/src/api/schema.d.ts (which typecheck compiles the portal against)', async () => {
    const res = await world.http.get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    const committed = readFileSync(path.join(root, 'apps/portal/src/api/schema.d.ts'), 'utf8');
    expect(await clientTypes(res.body)).toBe(committed);
  });

  it('every JSON answer the portal reads is described: a case, a page of cases, the signed-in user', async () => {
    const res = await world.http.get('/api/docs/openapi.json');
    const answer = (p: string, method: string, status: string) => res.body.paths[p][method].responses[status].content?.['application/json'].schema;
    expect(answer('/api/v1/cases/{id}', 'get', '200')).toEqual({ $ref: '#/components/schemas/CaseDetail' });
    expect(answer('/api/v1/cases', 'get', '200')).toEqual({ $ref: '#/components/schemas/CaseListPage' });
    expect(answer('/api/v1/me', 'get', '200')).toEqual({ $ref: '#/components/schemas/ProfileView' });
    expect(res.body.components.schemas.CaseDetail.required).toEqual(expect.arrayContaining(['id', 'status', 'allowedActions', 'version']));
    // A query DTO's fields are parameters, a body DTO's fields are properties (SwaggerModule alone saw neither).
    expect(res.body.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'mediatorId', 'overdue']));
    expect(Object.keys(res.body.components.schemas.CreateCaseDto.properties)).toEqual(expect.arrayContaining(['centerId', 'consumer', 'amountFen']));
  });
});
