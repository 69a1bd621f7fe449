/** The four storefront channels: PC web mall, H5 mobile web, WeChat mini-program, native App. */
export const CHANNELS = ['pc', 'h5', 'mini', 'app'] as const;

export type Channel = (typeof CHANNELS)[number];

/** What people call each channel, on the monitor and the demo. */
export const CHANNEL_NAMES: Record<Channel, string> = {
  pc: 'PC Mall',
  h5: 'H5 Mall',
  mini: 'Mini Program',
  app: 'App',
};

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
