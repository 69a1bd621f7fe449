import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStore } from '../../workers/platform/room/docStore';
import { echoRoomsOf } from './echoRoom';

const echoRooms = echoRoomsOf(env);

describe('the document store’s tables', () => {
  it('are adopted as version 1 where they exist from before versions were kept', async () => {
    const stub = echoRooms.get(echoRooms.idFromName(crypto.randomUUID()));
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      // What every constructor used to run, and one update stored by it.
      sql.exec(`CREATE TABLE ydoc_snapshot_chunks (
        room TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (room, chunk))`);
      sql.exec(
        'CREATE TABLE ydoc_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, data BLOB NOT NULL)',
      );
      sql.exec('CREATE INDEX ydoc_updates_room ON ydoc_updates (room, id)');
      const before = new Y.Doc();
      before.getMap('m').set('kept', true);
      sql.exec(
        'INSERT INTO ydoc_updates (room, data) VALUES (?, ?)',
        'old',
        Y.encodeStateAsUpdate(before).slice().buffer,
      );

      const loaded = new Y.Doc();
      new DocStore(state.storage, 'old').load(loaded);
      expect(loaded.getMap('m').get('kept')).toBe(true);
      expect(sql.exec("SELECT version FROM schema_versions WHERE part = 'doc_store'").one().version).toBe(1);
    });
  });
});
