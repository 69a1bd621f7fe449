import type { CheckName, CheckSweep } from '../../shared/docs/monitor';
import type { RecordScope } from './records/consistencyRecords';

/** Where one check starts: the records it reads, and what it settles once done. */
export interface CheckStart {
  scope: RecordScope;
  /** When the check this one carries on from started; null for a full sweep. */
  since: number | null;
  /** The newest look-again entry this check covers: entries noted while it runs wait for the next. */
  upTo: number;
}

/** What one check settles: how far it read the change sequence and which ids to look at again. */
export interface CheckEnd {
  /** The newest change number among the records it read: the next changed sweep starts after it. */
  seq: number;
  /** The ids differing or in flight: the next check reads them whatever changed. */
  lookAgain: string[];
  upTo: number;
  /** When the check started. */
  at: number;
}

/**
 * What the consistency checks have covered, in the MonitorRoom's SQLite (`monitorRoomSchema.ts`):
 * per check, the change number it last read up to (`check_marks`) and the ids to read again next
 * time (`look_again`) — in flight or differing at the last check, or told by a room whose changes
 * cannot reach D1, which D1's change sequence alone would never show.
 */
export class CheckMarks {
  constructor(private readonly sql: SqlStorage) {}

  /** A check's start; a changed sweep with no check before it (a new mall, a new check) reads everything. */
  start(name: CheckName, sweep: CheckSweep): CheckStart {
    const mark = this.sql
      .exec<{ seq: number; checked_at: number }>('SELECT seq, checked_at FROM check_marks WHERE name = ?', name)
      .toArray()[0];
    const upTo = this.sql
      .exec<{ n: number }>('SELECT COALESCE(MAX(n), 0) AS n FROM look_again WHERE name = ?', name)
      .one().n;
    const ids = this.sql
      .exec<{ id: string }>('SELECT id FROM look_again WHERE name = ? AND n <= ? ORDER BY n', name, upTo)
      .toArray()
      .map((row) => row.id);
    if (sweep === 'full' || !mark) return { scope: { sweep: 'full', ids }, since: null, upTo };
    return { scope: { sweep: 'changed', afterSeq: mark.seq, ids }, since: mark.checked_at, upTo };
  }

  /**
   * Settles a check: the entries it read leave the list, those still differing or in flight come
   * back, and the mark moves on (never back, should two checks overlap).
   */
  end(name: CheckName, end: CheckEnd): void {
    this.sql.exec('DELETE FROM look_again WHERE name = ? AND n <= ?', name, end.upTo);
    for (const id of end.lookAgain)
      this.sql.exec('INSERT OR IGNORE INTO look_again (name, id) VALUES (?, ?)', name, id);
    this.sql.exec(
      `INSERT INTO check_marks (name, seq, checked_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET seq = MAX(seq, excluded.seq), checked_at = MAX(checked_at, excluded.checked_at)`,
      name,
      end.seq,
      end.at,
    );
  }

  /** Puts ids on the list for the next check, after any check now running. */
  lookAgain(name: CheckName, ids: string[]): void {
    for (const id of ids) this.sql.exec('INSERT OR REPLACE INTO look_again (name, id) VALUES (?, ?)', name, id);
  }
}
