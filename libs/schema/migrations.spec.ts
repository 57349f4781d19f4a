import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allMigrations, migrationTimestamp } from '.';

const libs = path.join(__dirname, '..');

/** Every migration file of every lib, with the class it declares. */
function migrationFiles(): { file: string; cls: string }[] {
  const dirs = readdirSync(libs).map((lib) => path.join(libs, lib, lib === 'core' ? 'database/migrations' : 'migrations'));
  return dirs.flatMap((dir) => {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => /^\d{13}-.*\.ts$/.test(f));
    } catch {
      return [];
    }
    return files.map((f) => ({ file: path.relative(libs, path.join(dir, f)), cls: /export class (\w+)/.exec(readFileSync(path.join(dir, f), 'utf8'))![1] }));
  });
}

describe('the one migration history (libs/schema allMigrations)', () => {
  const names = allMigrations.map((m) => m.name);

  it('runs strictly by timestamp: no two migrations share one, whichever lib they live in', () => {
    const stamps = allMigrations.map(migrationTimestamp);
    stamps.slice(1).forEach((stamp, i) => expect([names[i], stamp > stamps[i]]).toEqual([names[i], true]));
  });

  it('names each migration once, and the name TypeORM records is its class name', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const m of allMigrations) expect((new (m as new () => { name: string })()).name).toBe(m.name);
  });

  it('holds every migration file of every lib, and nothing else', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.cls).sort()).toEqual([...names].sort());
    for (const { file, cls } of files) expect([file, file.split('/').pop()!.slice(0, 13)]).toEqual([file, String(migrationTimestamp(allMigrations.find((m) => m.name === cls)!))]);
  });
});
