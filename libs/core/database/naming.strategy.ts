import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

/** camelCase property → snake_case column: the one rule every column name follows. */
export const snakeCase = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** snake_case columns and readable constraint names (pk_, fk_, idx_, uq_, chk_). */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return customName ?? snakeCase([...prefixes, propertyName].join('_'));
  }

  relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  private tableOf(table: Table | string): string {
    const name = typeof table === 'string' ? table : table.name;
    return name.split('.').pop() as string;
  }

  primaryKeyName(table: Table | string): string {
    return `pk_${this.tableOf(table)}`;
  }

  foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `fk_${this.tableOf(table)}_${columnNames.join('_')}`;
  }

  indexName(table: Table | string, columnNames: string[]): string {
    return `idx_${this.tableOf(table)}_${columnNames.join('_')}`;
  }

  uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `uq_${this.tableOf(table)}_${columnNames.join('_')}`;
  }
}
