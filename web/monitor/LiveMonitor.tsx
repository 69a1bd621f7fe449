import type { SignedInStaff } from '../backOffice/staffSession';
import { Header } from './Header';
import { MonitorBoard } from './MonitorBoard';

/** The monitoring page once signed in: the board under the title bar, which holds its controls and the staff member. */
export const LiveMonitor = ({
  staff,
  onSessionEnded,
  onLogOut,
}: {
  staff: SignedInStaff;
  onSessionEnded: (why: string) => void;
  onLogOut: () => void;
}) => (
  <MonitorBoard
    staffId={staff.id}
    onSessionEnded={onSessionEnded}
    frame={(controls, board) => (
      <>
        <Header>
          <div class="actions" id="actions">
            {controls}
            <span id="signed-in" class="who">
              {staff.name} ({staff.role})
            </span>
            {/* Signing out unmounts the board, which closes the room. */}
            <button id="logout" class="ghost" type="button" onClick={onLogOut}>
              Log out
            </button>
          </div>
        </Header>
        <main id="app">{board}</main>
      </>
    )}
  />
);
