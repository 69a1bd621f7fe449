import { APP_SCOPE, APP_SERVICE_WORKER } from './shell';

/** Installs the App's service worker (`web/app/serviceWorker.ts`), so the App opens offline next time. */
export const registerAppShell = (): void => {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(APP_SERVICE_WORKER, { scope: APP_SCOPE }).catch((error: unknown) => {
    console.warn('the App could not install its offline shell', error);
  });
};
