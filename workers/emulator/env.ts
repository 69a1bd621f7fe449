import type { EmulatedShop } from './shop/EmulatedShop';

/** The emulator Worker's bindings (workers/emulator/wrangler.toml). */
export interface EmulatorEnv {
  SHOPS: DurableObjectNamespace<EmulatedShop>;
  CONTROL_SECRET: string;
}

export interface EmulatorHonoEnv {
  Bindings: EmulatorEnv;
}

export const shopOf = (env: EmulatorEnv, appid: string) => env.SHOPS.get(env.SHOPS.idFromName(appid));
