import { getMetadataArgsStorage } from 'typeorm';
import { snakeCase } from './naming.strategy';

/*
 * One definition of each column (STYLE.md §6, README "Architecture"): the TypeORM entity
 * declares a column once — its type, nullability, checks and indexes; migrations are generated
 * from it and CI fails on a difference. Repositories write SQL by hand (the hot paths need
 * CTEs, RLS-friendly predicates and single round trips), but their column lists and row types
 * derive from the entity instead of repeating it:
 *
 *   const CASE_LIST = columns(CaseEntity, ['id', 'caseNumber', 'status']);
 *   type CaseListRow = RowOf<typeof CASE_LIST>;            // Pick<CaseEntity, 'id' | …>
 *   SELECT ${CASE_LIST.select('c')} …                     → c.id AS "id", c.case_number AS "caseNumber", …
 *
 * A property that is not a column of the entity fails at start-up (and in the unit test that
 * loads every repository), a renamed property fails type-checking.
 */

type Ctor<E> = abstract new (...args: never[]) => E;

export interface ColumnList<E, K extends keyof E> {
  readonly entity: Ctor<E>;
  readonly keys: readonly K[];
  /** `alias.column AS "property"`, comma-separated; the row comes back keyed by property names. */
  select(alias?: string): string;
  /** The bare column names, comma-separated, in the order of `keys` (for INSERT lists). */
  names(): string;
  /** The column name of one property. */
  column(key: K): string;
}

/** The row a `columns(...)` list reads. */
export type RowOf<L> = L extends ColumnList<infer E, infer K> ? Pick<E, K> : never;

const declared = new Map<Function, Map<string, string>>();

/** The entity's columns (its own and its base classes'), property name → column name. */
function columnsOf(entity: Function): Map<string, string> {
  let map = declared.get(entity);
  if (map) return map;
  map = new Map();
  const chain: Function[] = [];
  for (let c: Function | null = entity; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) chain.push(c);
  for (const col of getMetadataArgsStorage().columns) {
    if (!chain.includes(col.target as Function)) continue;
    map.set(col.propertyName, col.options.name ?? snakeCase(col.propertyName));
  }
  declared.set(entity, map);
  return map;
}

export function columns<E, K extends keyof E & string>(entity: Ctor<E>, keys: readonly K[]): ColumnList<E, K> {
  const all = columnsOf(entity);
  const names = keys.map((k) => {
    const name = all.get(k);
    if (!name) throw new Error(`${entity.name} has no column "${k}"`);
    return name;
  });
  return {
    entity,
    keys,
    select: (alias) => names.map((n, i) => `${alias ? `${alias}.` : ''}${n} AS "${keys[i]}"`).join(', '),
    names: () => names.join(', '),
    column: (key) => names[keys.indexOf(key)],
  };
}
