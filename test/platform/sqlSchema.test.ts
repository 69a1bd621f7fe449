import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { migrateSchema, type SchemaStep } from '../../workers/platform/sqlSchema';

/** A fresh object whose SQLite the steps work on. */
const freshObject = () => env.FLASH_SALE_CLOCK.getByName(`test-schema-${crypto.randomUUID()}`);

// `CREATE TABLE` without `IF NOT EXISTS`: a step that ran twice would throw.
const one: SchemaStep = (sql) => {
  sql.exec('CREATE TABLE test_log (step TEXT NOT NULL)');
  sql.exec("INSERT INTO test_log VALUES ('one')");
};
const logStep =
  (name: string): SchemaStep =>
  (sql) => {
    sql.exec('INSERT INTO test_log VALUES (?)', name);
  };

const logged = (storage: DurableObjectStorage) =>
  storage.sql
    .exec<{ step: string }>('SELECT step FROM test_log ORDER BY rowid')
    .toArray()
    .map((row) => row.step);

const versionOf = (storage: DurableObjectStorage, part: string) =>
  storage.sql.exec<{ version: number }>('SELECT version FROM schema_versions WHERE part = ?', part).toArray()[0]
    ?.version;

describe('migrateSchema', () => {
  it('runs a step once, on later calls and after a restart alike', async () => {
    const stub = freshObject();
    await runInDurableObject(stub, (_, state) => {
      migrateSchema(state.storage, 'test', [one]);
      migrateSchema(state.storage, 'test', [one]);
      expect(logged(state.storage)).toEqual(['one']);
    });
    await evictDurableObject(stub);
    await runInDurableObject(stub, (_, state) => {
      migrateSchema(state.storage, 'test', [one]);
      expect(logged(state.storage)).toEqual(['one']);
      expect(versionOf(state.storage, 'test')).toBe(1);
    });
  });

  it('runs the steps added since, in order, and keeps each part’s version apart', async () => {
    await runInDurableObject(freshObject(), (_, state) => {
      migrateSchema(state.storage, 'test', [one]);
      migrateSchema(state.storage, 'test', [one, logStep('two'), logStep('three')]);
      expect(logged(state.storage)).toEqual(['one', 'two', 'three']);
      expect(versionOf(state.storage, 'test')).toBe(3);

      migrateSchema(state.storage, 'other', [logStep('other one')]);
      expect(logged(state.storage)).toEqual(['one', 'two', 'three', 'other one']);
      expect(versionOf(state.storage, 'other')).toBe(1);
      expect(versionOf(state.storage, 'test')).toBe(3);
    });
  });

  it('leaves a part where it was when a step fails: nothing of that call stays, and it runs again', async () => {
    await runInDurableObject(freshObject(), (_, state) => {
      migrateSchema(state.storage, 'test', [one]);
      const failing: SchemaStep = () => {
        throw new Error('bad step');
      };
      expect(() => migrateSchema(state.storage, 'test', [one, logStep('two'), failing])).toThrow('bad step');
      expect(logged(state.storage)).toEqual(['one']);
      expect(versionOf(state.storage, 'test')).toBe(1);

      migrateSchema(state.storage, 'test', [one, logStep('two'), logStep('three')]);
      expect(logged(state.storage)).toEqual(['one', 'two', 'three']);
    });
  });
});
