/** The element the demo page renders into, on the server and in the browser. */
export const DEMO_ROOT_ID = 'demo';
