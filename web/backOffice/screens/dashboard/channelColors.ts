import type { Channel } from '../../../../shared/channels';

/** One colour per channel, the monitor's (`web/monitor/ChannelCards.tsx`), so a channel looks the same on both pages. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  pc: '#1f5fd6',
  h5: '#0f8b8d',
  mini: '#16834a',
  app: '#7a4fd1',
};
