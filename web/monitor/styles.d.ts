/** esbuild bundles imported stylesheets into monitor.css; to TypeScript they are side effects only. */
declare module '*.css';
