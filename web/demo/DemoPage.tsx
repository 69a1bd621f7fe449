import { useEffect, useState } from 'hono/jsx';
import { HubError } from '../../sdk/src/http';
import { CHANNELS, type Channel } from '../../shared/channels';
import { pathsOf } from '../storefront/paths';
import { AdminSignIn } from './AdminSignIn';
import { ChannelFrames, type FrameVisit } from './ChannelFrames';
import type { DemoDesk } from './desk';
import { JourneyPanel } from './JourneyPanel';
import { JOURNEY_STEPS, type JourneyStep, playJourney, type StepId } from './journey';
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
  const [token, setToken] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [visits, setVisits] = useState(HOMES);
  const [steps, setSteps] = useState<readonly JourneyStep[]>(JOURNEY_STEPS);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (desk) setToken(desk.storedToken());
  }, []);

  const signIn = (next: string) => {
    desk?.keepToken(next);
    setRefused(null);
    setToken(next);
  };
  const admin: AdminCall = async (method, path, body) => {
    if (!desk || !token) throw new Error('sign in as the operator first');
    try {
      return await desk.admin(token, method, path, body);
    } catch (error) {
      if (error instanceof HubError && (error.status === 401 || error.status === 403)) {
        desk.forgetToken();
        setToken(null);
        setRefused('The hub refused this admin token.');
      }
      throw error;
    }
  };
  const show = (channel: Channel, path: string) =>
    setVisits((now) => ({ ...now, [channel]: { path, visit: now[channel].visit + 1 } }));
  const report = (id: StepId, patch: Partial<JourneyStep>) =>
    setSteps((now) => now.map((s) => (s.id === id ? { ...s, ...patch } : s)));
  const play =
    desk && token
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
          {token && (
            <button
              type="button"
              class="button"
              data-kind="quiet"
              onClick={() => {
                desk?.forgetToken();
                setToken(null);
              }}
            >
              Sign out
            </button>
          )}
        </nav>
      </header>
      <ChannelFrames visits={visits} />
      <div class="demo-console">
        {token ? <OperatorStrip desk={desk} admin={admin} /> : <AdminSignIn refused={refused} onToken={signIn} />}
        <JourneyPanel steps={steps} playing={playing} onPlay={play} />
      </div>
    </div>
  );
};
