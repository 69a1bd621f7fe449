import { useEffect, useRef, useState } from 'hono/jsx';
import { ALARMING, describeEvent, eventName, type LoggedEvent } from './eventText';

interface LogPage {
  events: LoggedEvent[];
  nextCursor: number | null;
}

const PAGE = 25;
/** How long the log waits after a monitor change before it is fetched again (changes come in bursts). */
const REFRESH_DELAY_MS = 800;

const LogItem = ({ event }: { event: LoggedEvent }) => {
  const at = new Date(event.at);
  return (
    <li data-kind={event.kind}>
      {/* The log keeps a week: each line names its day as well as its time. */}
      <time dateTime={at.toISOString()}>
        <span>{at.toLocaleDateString([], { month: 'short', day: 'numeric' })}</span>
        <span>{at.toLocaleTimeString()}</span>
      </time>
      <div>
        <span class="kind" data-tone={ALARMING.includes(event.kind) ? 'bad' : 'normal'}>
          {eventName(event.kind)}
        </span>
        <div class="what">{describeEvent(event)}</div>
      </div>
    </li>
  );
};

/**
 * The sync log: the newest page, fetched again shortly after the monitor room changes
 * (`changes` counts them), and older pages appended by cursor.
 */
export const SyncLog = ({
  changes,
  load,
  onError,
}: {
  changes: number;
  load: (query: string) => Promise<LogPage>;
  onError: (error: unknown) => void;
}) => {
  const [events, setEvents] = useState<LoggedEvent[] | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // At most one fetch per delay however fast the room changes: a burst is one refresh, not none.
  useEffect(() => {
    if (pending.current !== null) return;
    pending.current = setTimeout(
      () => {
        pending.current = null;
        load(`limit=${PAGE}`).then((page) => {
          setEvents(page.events);
          setCursor(page.nextCursor);
        }, onError);
      },
      changes === 0 ? 0 : REFRESH_DELAY_MS,
    );
  }, [changes]);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
  const older = () => {
    if (cursor === null) return;
    load(`limit=${PAGE}&cursor=${cursor}`).then((page) => {
      setEvents([...(events ?? []), ...page.events]);
      setCursor(page.nextCursor);
    }, onError);
  };
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>Sync log</h2>
        <span class="hint">newest first · kept 7 days</span>
      </div>
      <ol id="log" class="log">
        {events?.length === 0 ? <li>No sync events yet.</li> : (events ?? []).map((event) => <LogItem event={event} />)}
      </ol>
      {cursor !== null && (
        <button id="log-more" class="ghost" type="button" onClick={older}>
          Older events
        </button>
      )}
    </section>
  );
};
