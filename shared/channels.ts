/** The four storefront channels: PC web mall, H5 mobile web, WeChat mini-program, native App. */
export const CHANNELS = ['pc', 'h5', 'mini', 'app'] as const;

export type Channel = (typeof CHANNELS)[number];

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
