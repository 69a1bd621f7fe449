/**
 * The hub the mini-program talks to. A local `npm start` listens on 127.0.0.1:8787; a phone
 * previewing the app needs the computer's LAN address instead (README.md, "Pointing it at a hub").
 */
export const HUB_URL = 'http://127.0.0.1:8787';
