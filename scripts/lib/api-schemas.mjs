// Derives the parts of the OpenAPI spec that @nestjs/swagger cannot see without its compiler
// plugin, from the TypeScript types themselves (one definition of each shape):
// - components.schemas for every type a route names in @ApiResult/@ApiCreated/@ApiList/@ApiItems/@ApiPage
//   (exported by libs/contracts) and for every @Body() DTO class;
// - the query parameters of every @Query() DTO class, by operation id.
// It also proves each such route's handler returns (as JSON) what its decorator says: a route
// that answers something else fails here, not in the portal.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const RESULT_DECORATORS = { ApiResult: 'one', ApiCreated: 'one', ApiList: 'list', ApiItems: 'items', ApiPage: 'page' };

const decoratorsOf = (node) => (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []);
const callName = (d) => (ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText());

/** Controllers' routes: class, method, what the decorator declares, @Body()/@Query() parameters. */
function findRoutes(sourceFiles, root) {
  const routes = [];
  for (const sf of sourceFiles) {
    const rel = path.relative(root, sf.fileName);
    if (rel.startsWith('..') || rel.includes('node_modules') || !rel.endsWith('controller.ts')) continue;
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      if (!decoratorsOf(cls).some((d) => callName(d) === 'Controller')) continue;
      for (const m of cls.members.filter(ts.isMethodDeclaration)) {
        const decorators = decoratorsOf(m);
        if (!decorators.some((d) => /^(Get|Post|Put|Patch|Delete)$/.test(callName(d)))) continue;
        const route = { file: rel, controller: cls.name.text, method: m.name.getText(), node: m, result: null, body: null, query: null };
        for (const d of decorators) {
          const kind = RESULT_DECORATORS[callName(d)];
          const arg = ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
          if (kind && arg && ts.isStringLiteral(arg)) route.result = { kind, name: arg.text };
        }
        for (const p of m.parameters) {
          for (const d of decoratorsOf(p)) {
            const bare = ts.isCallExpression(d.expression) && d.expression.arguments.length === 0;
            if (bare && callName(d) === 'Body') route.body = p;
            if (bare && callName(d) === 'Query') route.query = p;
          }
        }
        routes.push(route);
      }
    }
  }
  return routes;
}

/** The declared type of a route's answer, written as TypeScript over libs/contracts. */
function declaredType({ kind, name }) {
  if (kind === 'list') return `C.${name}[]`;
  if (kind === 'items') return `{ items: C.${name}[] }`;
  if (kind === 'page') return `C.Page<C.${name}>`;
  return `C.${name}`;
}

const CHECK_FILE = '__openapi_routes__.ts';

function checkSource(root, routes) {
  const lines = [
    `import type * as C from './libs/contracts/index';`,
    // What a handler's value becomes on the wire: JSON.stringify turns a Date into its ISO string.
    `type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;`,
  ];
  routes.forEach((r, i) => {
    if (!r.result) return;
    const from = JSON.stringify('./' + r.file.replace(/\.ts$/, ''));
    lines.push(`export type Declared${i} = ${declaredType(r.result)};`);
    lines.push(`export const route${i}: Declared${i} = null as unknown as Json<Awaited<ReturnType<import(${from}).${r.controller}['${r.method}']>>>;`);
  });
  return lines.join('\n') + '\n';
}

function projectConfig(root) {
  const onUnRecoverableConfigFileDiagnostic = (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic });
  return { config, controllers: config.fileNames.filter((f) => f.endsWith('controller.ts')) };
}

function createProgram(root, extraSource) {
  const { config, controllers } = projectConfig(root);
  const extraPath = path.join(root, CHECK_FILE);
  const host = ts.createCompilerHost(config.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (path.resolve(file) === extraPath ? ts.createSourceFile(file, extraSource, lang, true) : getSourceFile(file, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === extraPath || fileExists(file);
  const rootNames = [...controllers, path.join(root, 'libs/contracts/index.ts'), extraPath];
  return ts.createProgram({ rootNames, options: { ...config.options, noEmit: true }, host });
}

/** JSON Schemas (OpenAPI 3.0) from checker types; named contract types and DTO classes become $refs. */
class SchemaWriter {
  constructor(checker, root) {
    this.checker = checker;
    this.root = root;
    this.schemas = {};
    this.pending = [];
  }

  /** The component name of a type that has one: an exported contract type or a DTO class. */
  nameOf(type) {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol || (type.aliasTypeArguments?.length ?? 0) > 0) return null;
    const decl = symbol.declarations?.[0];
    if (!decl) return null;
    const rel = path.relative(this.root, decl.getSourceFile().fileName);
    const isContract = rel.startsWith('libs/contracts/') && (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl));
    const isDto = rel.startsWith('libs/') && ts.isClassDeclaration(decl);
    if (!isContract && !isDto) return null;
    if (ts.isInterfaceDeclaration(decl) && decl.typeParameters?.length) return null;
    if (ts.isTypeAliasDeclaration(decl) && decl.typeParameters?.length) return null;
    return symbol.getName();
  }

  ref(type) {
    const name = this.nameOf(type);
    if (!name) return this.inline(type);
    if (!(name in this.schemas)) {
      this.schemas[name] = null;
      this.pending.push([name, type]);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** Defines `name` as `type` (expanding it even though it has a name) and everything it uses. */
  define(name, type) {
    this.schemas[name] = this.inline(type);
    while (this.pending.length) {
      const [n, t] = this.pending.shift();
      this.schemas[n] = this.inline(t);
    }
    return this.schemas[name];
  }

  inline(type) {
    const c = this.checker;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [type.intrinsicName === 'true'] };
    if (f & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BigIntLike) return { type: 'string' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { nullable: true };
    if (type.isUnion()) return this.union(type.types);
    if (c.isArrayType(type)) return { type: 'array', items: this.ref(c.getTypeArguments(type)[0]) };
    if (c.isTupleType(type)) {
      const items = c.getTypeArguments(type);
      const kinds = [...new Map(items.map((t) => [JSON.stringify(this.ref(t)), this.ref(t)])).values()];
      return { type: 'array', items: kinds.length === 1 ? kinds[0] : { oneOf: kinds }, minItems: items.length, maxItems: items.length };
    }
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
    if (f & ts.TypeFlags.Object || type.isIntersection()) return this.object(type);
    throw new Error(`openapi: no JSON Schema for the type ${c.typeToString(type)}`);
  }

  union(types) {
    const c = this.checker;
    let members = types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    members = members.filter((t) => !(t.flags & ts.TypeFlags.Null));
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    let schema;
    if (members.length && members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) schema = { type: 'string', enum: members.map((t) => t.value).sort() };
    else if (booleans.length === 2 && members.length === 2) schema = { type: 'boolean' };
    else {
      if (booleans.length === 2) members = [...members.filter((t) => !booleans.includes(t)), c.getBooleanType()];
      const variants = members.map((t) => this.ref(t));
      schema = variants.length === 1 ? variants[0] : { oneOf: variants };
    }
    if (!nullable) return schema;
    if (schema.$ref) return { allOf: [schema], nullable: true };
    if (schema.enum) return { ...schema, enum: [...schema.enum, null], nullable: true };
    return { ...schema, nullable: true };
  }

  object(type) {
    const c = this.checker;
    const properties = {};
    const required = [];
    for (const prop of c.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (decl && (ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl))) continue;
      const propType = c.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length) continue;
      const schema = this.ref(propType);
      const doc = ts.displayPartsToString(prop.getDocumentationComment(c)).trim();
      properties[prop.getName()] = doc && !schema.$ref ? { ...schema, description: doc } : schema;
      if (!this.optional(prop, decl, propType)) required.push(prop.getName());
    }
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    const index = c.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    if (index) schema.additionalProperties = this.ref(index.type);
    return schema;
  }

  /** Optional in JSON: `?`, `| undefined`, or a DTO field with a default or @IsOptional(). */
  optional(prop, decl, propType) {
    if (prop.flags & ts.SymbolFlags.Optional) return true;
    if (propType.isUnion() && propType.types.some((t) => t.flags & ts.TypeFlags.Undefined)) return true;
    if (decl && ts.isPropertyDeclaration(decl)) {
      if (decl.initializer) return true;
      return decoratorsOf(decl).some((d) => ['IsOptional', 'ValidateIf'].includes(callName(d)));
    }
    return false;
  }
}

/**
 * Routes whose handlers' TypeScript types are still looser than what they send (a `string` where
 * the column only holds a Channel, a `Record<string, unknown>` row): their declared contract type
 * cannot be proved yet. The list may only shrink: type the service's answer with the contract
 * type and remove the route.
 */
const LOOSE_BASELINE = 'scripts/openapi-loose-types.baseline.json';

/**
 * Returns { schemas, queries } (queries: operation id → OpenAPI query parameters), or throws with
 * every route whose handler does not return what it declares.
 */
export function apiSchemas(root) {
  const loose = new Set(JSON.parse(readFileSync(path.join(root, LOOSE_BASELINE), 'utf8')).routes);
  const parsed = projectConfig(root).controllers.map((f) => ts.createSourceFile(f, ts.sys.readFile(f), ts.ScriptTarget.Latest, true));
  const routes = findRoutes(parsed, root);
  const program = createProgram(root, checkSource(root, routes));
  const checker = program.getTypeChecker();
  const check = program.getSourceFile(path.join(root, CHECK_FILE));
  const failing = new Map();
  const errors = [];
  for (const d of program.getSemanticDiagnostics(check)) {
    const line = ts.getLineAndCharacterOfPosition(check, d.start ?? 0).line;
    const r = routes[Number(/route(\d+)/.exec(check.text.split('\n')[line])?.[1])];
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (r) failing.set(`${r.controller}.${r.method}`, `${r.file}: ${r.controller}.${r.method} does not answer its declared ${r.result.name}\n  ${message}`);
    else errors.push(`openapi: ${message}`);
  }
  for (const [route, message] of failing) if (!loose.has(route)) errors.push(message);
  for (const route of loose) {
    if (!failing.has(route)) errors.push(`${route} now answers its declared type: remove it from ${LOOSE_BASELINE}`);
  }
  if (errors.length) throw new Error(errors.join('\n'));

  const writer = new SchemaWriter(checker, root);
  const routesIn = findRoutes(program.getSourceFiles(), root);
  const aliases = new Map();
  for (const stmt of check.statements) {
    if (ts.isTypeAliasDeclaration(stmt)) aliases.set(stmt.name.text, checker.getTypeAtLocation(stmt.name));
  }
  const contracts = checker.getSymbolAtLocation(program.getSourceFile(path.join(root, 'libs/contracts/index.ts')));
  const exported = new Map(checker.getExportsOfModule(contracts).map((s) => [s.getName(), s]));
  routesIn.forEach((r) => {
    if (!r.result) return;
    const symbol = exported.get(r.result.name);
    if (!symbol) throw new Error(`${r.file}: ${r.controller}.${r.method} names ${r.result.name}, which libs/contracts does not export`);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    writer.define(r.result.name, checker.getDeclaredTypeOfSymbol(target));
  });

  const queries = {};
  for (const r of routesIn) {
    if (r.body) {
      const type = checker.getTypeAtLocation(r.body);
      const name = writer.nameOf(type);
      if (name) writer.define(name, type);
    }
    if (r.query) {
      const type = checker.getTypeAtLocation(r.query);
      const object = writer.object(type);
      queries[`${r.controller}_${r.method}`] = Object.entries(object.properties).map(([name, schema]) => {
        const { description, ...rest } = schema;
        return { name, in: 'query', required: (object.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
      });
    }
  }
  const schemas = Object.fromEntries(Object.entries(writer.schemas).sort(([a], [b]) => a.localeCompare(b)));
  return { schemas, queries: Object.fromEntries(Object.entries(queries).sort(([a], [b]) => a.localeCompare(b))) };
}
