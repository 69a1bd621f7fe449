import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../schema';

const open = (d1: D1Database) => drizzle(d1, { schema });

export type Database = ReturnType<typeof open>;

/** One drizzle instance per binding: building one walks the whole schema, too slow for every call. */
const instances = new WeakMap<D1Database, Database>();

/** The authoritative records in D1, typed by the drizzle schema. */
export const database = (d1: D1Database): Database => {
  let db = instances.get(d1);
  if (!db) {
    db = open(d1);
    instances.set(d1, db);
  }
  return db;
};
