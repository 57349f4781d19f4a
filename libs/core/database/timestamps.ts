import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// A mixin's base must be constructible with any arguments (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractClass = abstract new (...args: any[]) => object;

/**
 * created_at / updated_at as timestamptz, on top of another base: a case-owned row that is also
 * edited is `extends withTimestamps(CaseOwned)`, so neither block is written out twice.
 */
export function withTimestamps<T extends AbstractClass>(Base: T) {
  abstract class WithTimestamps extends Base {
    @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
    createdAt: Date;

    @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
    updatedAt: Date;
  }
  return WithTimestamps;
}

/** created_at / updated_at as timestamptz on every entity. */
export abstract class Timestamped extends withTimestamps(Object) {}
