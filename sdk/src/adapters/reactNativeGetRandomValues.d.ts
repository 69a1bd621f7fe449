/** An optional peer dependency (`sdk/package.json`): it installs `crypto.getRandomValues` and exports nothing. */
declare module 'react-native-get-random-values';
