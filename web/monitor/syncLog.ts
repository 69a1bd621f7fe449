import { ALARMING, describeEvent, eventName, type LoggedEvent } from './eventText';

interface LogPage {
  events: LoggedEvent[];
  nextCursor: number | null;
}

const PAGE = 25;

/** The sync log: the newest page, refreshed on demand, and older pages appended by cursor. */
export class SyncLog {
  private cursor: number | null = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly more: HTMLButtonElement,
    private readonly load: (query: string) => Promise<LogPage>,
  ) {
    more.addEventListener('click', () => this.older());
  }

  async refresh(): Promise<void> {
    const page = await this.load(`limit=${PAGE}`);
    const empty = document.createElement('li');
    empty.textContent = 'No sync events yet.';
    this.list.replaceChildren(...(page.events.length > 0 ? page.events.map((e) => this.item(e)) : [empty]));
    this.setCursor(page.nextCursor);
  }

  private async older(): Promise<void> {
    if (this.cursor === null) return;
    const page = await this.load(`limit=${PAGE}&cursor=${this.cursor}`);
    this.list.append(...page.events.map((e) => this.item(e)));
    this.setCursor(page.nextCursor);
  }

  private setCursor(cursor: number | null): void {
    this.cursor = cursor;
    this.more.hidden = cursor === null;
  }

  private item(event: LoggedEvent): HTMLElement {
    const li = document.createElement('li');
    li.dataset.kind = event.kind;
    const at = new Date(event.at);
    const time = document.createElement('time');
    time.dateTime = at.toISOString();
    // The log keeps a week: each line names its day as well as its time.
    const day = document.createElement('span');
    day.textContent = at.toLocaleDateString([], { month: 'short', day: 'numeric' });
    const clock = document.createElement('span');
    clock.textContent = at.toLocaleTimeString();
    time.append(day, clock);
    const body = document.createElement('div');
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.dataset.tone = ALARMING.includes(event.kind) ? 'bad' : 'normal';
    kind.textContent = eventName(event.kind);
    const what = document.createElement('div');
    what.className = 'what';
    what.textContent = describeEvent(event);
    body.append(kind, what);
    li.append(time, body);
    return li;
  }
}
