import 'uplot/dist/uPlot.min.css';
import '../../../monitor/monitor.css';
import './monitorScreen.css';
import { MONITOR_ROOT_CLASS, MonitorBoard } from '../../../monitor/MonitorBoard';
import { useAction } from '../../refusals';
import type { ScreenProps } from '../../screens';
import { SessionEnded } from '../../staffSession';

/** The monitoring page's live board inside the back office's frame: its controls in the screen's head. */
export const MonitorScreen = ({ staff }: ScreenProps) => {
  // An ended session goes the way of every back office action: back to the sign-in.
  const session = useAction();
  return (
    <MonitorBoard
      staffId={staff.id}
      onSessionEnded={(why) => void session.run(() => Promise.reject(new SessionEnded(why)))}
      frame={(controls, board) => (
        <div class={`${MONITOR_ROOT_CLASS} monitor-screen`}>
          <header class="screen-head">
            <div>
              <h1>Monitor</h1>
              <p class="muted">Per-channel sync latency, consistency with D1, the sync log and Mini-Shop runs, live.</p>
            </div>
            <div class="actions">{controls}</div>
          </header>
          {board}
        </div>
      )}
    />
  );
};
