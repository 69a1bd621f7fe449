/** The SDK's WeChat entry, bundled once into `lib/mallsync.js` for the app and every page. */
export * from '../../../../sdk/src/adapters/wx';
