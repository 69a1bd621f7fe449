import type { Channel } from '../../../shared/channels';

/** Broadcast times kept per room, to match acknowledgements that arrive late. */
const REVS_KEPT = 256;
/** Latency samples kept per room and channel. */
const SAMPLES_KEPT = 1000;

export interface ChannelLatency {
  samples: number;
  lastMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/**
 * Per-channel sync latency, measured on the server clock only: the time from a change's
 * broadcast (`stamp`) to a client's awareness acknowledgement of its `rev` (`recordAck`).
 */
export class SyncLatencyLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS rev_broadcasts (
      room TEXT NOT NULL, rev INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (room, rev))`);
    sql.exec(`CREATE TABLE IF NOT EXISTS channel_acks (
      id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, channel TEXT NOT NULL,
      rev INTEGER NOT NULL, latency_ms INTEGER NOT NULL, at INTEGER NOT NULL)`);
    sql.exec('CREATE INDEX IF NOT EXISTS channel_acks_room ON channel_acks (room, channel, id)');
  }

  stamp(room: string, rev: number, at: number): void {
    this.sql.exec('INSERT OR REPLACE INTO rev_broadcasts (room, rev, at) VALUES (?, ?, ?)', room, rev, at);
    this.sql.exec('DELETE FROM rev_broadcasts WHERE room = ? AND rev <= ?', room, rev - REVS_KEPT);
  }

  /**
   * Records one acknowledgement; returns the latency, or null for a rev that was never broadcast
   * here or was broadcast before the socket joined (`since`), which its initial sync brought.
   */
  recordAck(room: string, channel: Channel, rev: number, since: number, now: number): number | null {
    const sent = this.sql
      .exec<{ at: number }>('SELECT at FROM rev_broadcasts WHERE room = ? AND rev = ?', room, rev)
      .toArray()[0];
    if (!sent || sent.at < since) return null;
    const latency = Math.max(0, now - sent.at);
    this.sql.exec(
      'INSERT INTO channel_acks (room, channel, rev, latency_ms, at) VALUES (?, ?, ?, ?, ?)',
      room,
      channel,
      rev,
      latency,
      now,
    );
    this.sql.exec(
      `DELETE FROM channel_acks WHERE room = ? AND channel = ? AND id <= (
        SELECT id FROM channel_acks WHERE room = ? AND channel = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      room,
      channel,
      room,
      channel,
      SAMPLES_KEPT,
    );
    return latency;
  }

  stats(room: string, channel: Channel): ChannelLatency {
    const rows = this.sql
      .exec<{ latency_ms: number }>(
        'SELECT latency_ms FROM channel_acks WHERE room = ? AND channel = ? ORDER BY id',
        room,
        channel,
      )
      .toArray()
      .map((r) => r.latency_ms);
    const sorted = [...rows].sort((a, b) => a - b);
    return {
      samples: rows.length,
      lastMs: rows.at(-1) ?? null,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}

const percentile = (sorted: number[], q: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null);
