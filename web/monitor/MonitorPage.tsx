import { useEffect, useState } from 'hono/jsx';
import { SignIn } from '../backOffice/SignIn';
import { currentStaff, type SignedInStaff, signOut } from '../backOffice/staffSession';
import { Header } from './Header';
import { LiveMonitor } from './LiveMonitor';
import { MONITOR_ROOT_CLASS } from './MonitorBoard';

/** The monitoring page: sign-in until the hub knows a session, then the live monitor. */
export const MonitorPage = () => {
  const [staff, setStaff] = useState<SignedInStaff | null | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    currentStaff().then(setStaff, () => setStaff(null));
  }, []);
  const ended = (why: string) => {
    setMessage(why);
    setStaff(null);
  };
  const logOut = async () => {
    await signOut();
    ended('');
  };
  return (
    <div class={MONITOR_ROOT_CLASS}>
      {staff === undefined ? (
        <Header />
      ) : staff ? (
        <LiveMonitor staff={staff} onSessionEnded={ended} onLogOut={logOut} />
      ) : (
        <>
          <Header />
          <SignIn
            message={message}
            onSignedIn={setStaff}
            intro="Sign in with your back office account. Any role may watch the monitor."
            submitLabel="Open monitor"
          />
        </>
      )}
    </div>
  );
};
