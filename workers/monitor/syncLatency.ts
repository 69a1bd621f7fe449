import type { Channel } from '../../shared/channels';

/** Broadcast times kept per room, to match acknowledgements that arrive late. */
const REVS_KEPT = 256;
/** Latency samples kept per room and channel: the sliding window the percentiles cover. */
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
 *
 * Kept in memory: an acknowledgement arrives per socket and rev, so writing each to storage
 * would make the busiest path of a crowded room its slowest. It only measures broadcasts this
 * instance of the object made, so after a restart or a wake old revs are simply not matched.
 */
export class SyncLatencyLog {
  private readonly broadcasts = new Map<string, Map<number, number>>();
  /** The newest rev broadcast per room, so an up-to-date client is answered without a scan. */
  private readonly latest = new Map<string, number>();
  private readonly samples = new Map<string, number[]>();

  stamp(room: string, rev: number, at: number): void {
    const revs = this.broadcasts.get(room) ?? new Map<number, number>();
    this.broadcasts.set(room, revs);
    revs.set(rev, at);
    this.latest.set(room, Math.max(rev, this.latest.get(room) ?? 0));
    // Maps iterate in insertion order: the first key is the oldest broadcast.
    if (revs.size > REVS_KEPT) revs.delete(revs.keys().next().value as number);
  }

  /**
   * When the oldest change a client has not acknowledged was broadcast: the first rev after
   * `ackedRev` sent once the client was there (`since`); null when it has them all.
   */
  waitingSince(room: string, ackedRev: number, since: number): number | null {
    if (ackedRev >= (this.latest.get(room) ?? 0)) return null;
    // Revs are stamped in broadcast order, so the first match is the oldest.
    for (const [rev, at] of this.broadcasts.get(room) ?? []) if (rev > ackedRev && at >= since) return at;
    return null;
  }

  /**
   * Records one acknowledgement; returns the latency, or null for a rev this instance did not
   * broadcast, or broadcast before the socket joined (`since`): its initial sync brought that.
   */
  recordAck(room: string, channel: Channel, rev: number, since: number, now: number): number | null {
    const sent = this.broadcasts.get(room)?.get(rev);
    if (sent === undefined || sent < since) return null;
    const latency = Math.max(0, now - sent);
    const key = sampleKey(room, channel);
    const window = this.samples.get(key) ?? [];
    this.samples.set(key, window);
    window.push(latency);
    if (window.length > SAMPLES_KEPT) window.splice(0, window.length - SAMPLES_KEPT);
    return latency;
  }

  stats(room: string, channel: Channel): ChannelLatency {
    const window = this.samples.get(sampleKey(room, channel)) ?? [];
    const sorted = [...window].sort((a, b) => a - b);
    return {
      samples: window.length,
      lastMs: window.at(-1) ?? null,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}

const sampleKey = (room: string, channel: Channel) => `${room}\n${channel}`;

/** The `q` quantile (0..1) of ascending `sorted` values, nearest rank; null when empty. */
export const percentile = (sorted: number[], q: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null);
