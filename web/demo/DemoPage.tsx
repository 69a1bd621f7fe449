import { useEffect, useState } from 'hono/jsx';
import { CHANNELS, type Channel } from '../../shared/channels';
import { SessionEnded, type SignedInStaff } from '../backOffice/staffSession';
import { pathsOf } from '../storefront/paths';
import { ChannelFrames, type FrameVisit } from './ChannelFrames';
import type { DemoDesk } from './desk';
import { JourneyPanel } from './JourneyPanel';
import { JOURNEY_STEPS, type JourneyStep, playJourney, type StepId } from './journey';
import { OperatorSignIn } from './OperatorSignIn';
import { type AdminCall, OperatorStrip } from './OperatorStrip';

const HOMES = Object.fromEntries(CHANNELS.map((c) => [c, { path: pathsOf(c).home, visit: 0 }])) as Record<
  Channel,
  FrameVisit
>;

/**
 * The four-channel demo (`/demo`): the four storefronts side by side, the operator's strip, and
 * Emma's journey across them. The same tree renders on the server (no desk) and in the browser.
 */
export const DemoPage = ({ desk }: { desk: DemoDesk | null }) => {
  const [operator, setOperator] = useState<SignedInStaff | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [visits, setVisits] = useState(HOMES);
  const [steps, setSteps] = useState<readonly JourneyStep[]>(JOURNEY_STEPS);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    desk?.operator().then(setOperator, () => setOperator(null));
  }, []);

  const signIn = async (login: string, password: string) => {
    if (!desk) return;
    try {
      setOperator(await desk.signIn(login, password));
      setRefused(null);
    } catch (error) {
      setRefused(error instanceof Error ? error.message : String(error));
    }
  };
  const admin: AdminCall = async (method, path, body) => {
    if (!desk || !operator) throw new Error('sign in as the operator first');
    try {
      return await desk.admin(method, path, body);
    } catch (error) {
      if (error instanceof SessionEnded) {
        setOperator(null);
        setRefused('Your session has ended: sign in again.');
      }
      throw error;
    }
  };
  const show = (channel: Channel, path: string) =>
    setVisits((now) => ({ ...now, [channel]: { path, visit: now[channel].visit + 1 } }));
  const report = (id: StepId, patch: Partial<JourneyStep>) =>
    setSteps((now) => now.map((s) => (s.id === id ? { ...s, ...patch } : s)));
  const play =
    desk && operator
      ? () => {
          setPlaying(true);
          void playJourney({
            shops: desk.shops,
            admin,
            completePayment: desk.completePayment,
            show,
            report,
            now: desk.now,
          })
            .catch(() => {}) // the failed step shows why
            .finally(() => setPlaying(false));
        }
      : null;

  return (
    <div class="demo">
      <header class="demo-bar">
        <a class="demo-brand" href="/">
          mallsync
        </a>
        <p>Four channels, one data set: change it once, watch every storefront follow.</p>
        <nav>
          <a href="/monitor">Monitor</a>
          <a href="/admin">Back office</a>
          {operator && (
            <button
              type="button"
              class="button"
              data-kind="quiet"
              onClick={async () => {
                await desk?.signOut();
                setOperator(null);
              }}
            >
              Sign out {operator.name}
            </button>
          )}
        </nav>
      </header>
      <ChannelFrames visits={visits} />
      <div class="demo-console">
        {operator ? (
          <OperatorStrip desk={desk} admin={admin} />
        ) : (
          <OperatorSignIn refused={refused} onSignIn={signIn} />
        )}
        <JourneyPanel steps={steps} playing={playing} onPlay={play} />
      </div>
    </div>
  );
};
