import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../shared/channels';

/** What a frame shows: a page of its storefront, and how often it was loaded afresh. */
export interface FrameVisit {
  path: string;
  visit: number;
}

/** The size each storefront renders at: the PC mall at desktop width, the others phone-sized. */
const VIEWPORTS: Record<Channel, { width: number; height: number }> = {
  pc: { width: 1280, height: 1178 },
  h5: { width: 390, height: 760 },
  mini: { width: 390, height: 760 },
  app: { width: 390, height: 760 },
};

/** A new visit gets its own address, so the frame loads again and its storefront reads the session afresh. */
const frameSrc = ({ path, visit }: FrameVisit) =>
  visit === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}visit=${visit}`;

/** The four storefronts side by side, each under its channel's name; the PC mall scaled down to fit. */
export const ChannelFrames = ({ visits }: { visits: Record<Channel, FrameVisit> }) => (
  <section class="demo-frames" aria-label="The four storefronts">
    {CHANNELS.map((channel) => {
      const { width, height } = VIEWPORTS[channel];
      return (
        <figure
          class="demo-device"
          data-device={channel}
          style={`--frame-width: ${width}px; --frame-height: ${height}px`}
        >
          <figcaption>
            <span class="demo-device-name">{CHANNEL_NAMES[channel]}</span>
            <a class="muted" href={visits[channel].path} target="_blank" rel="noopener">
              {visits[channel].path}
            </a>
          </figcaption>
          <div class="demo-screen">
            <iframe
              title={`${CHANNEL_NAMES[channel]} storefront`}
              data-channel={channel}
              src={frameSrc(visits[channel])}
              width={width}
              height={height}
            />
          </div>
        </figure>
      );
    })}
  </section>
);
