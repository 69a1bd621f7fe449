import type { Child } from 'hono/jsx';

/** The monitor's title bar; the live state and the operator's actions go at its end once signed in. */
export const Header = ({ children }: { children?: Child }) => (
  <header class="bar">
    <div class="brand">
      <span class="logo" aria-hidden="true">
        C
      </span>
      <div>
        <h1>Multi-Channel Sync Monitor</h1>
        <p class="sub">Price / stock changes sync within 1 second</p>
      </div>
    </div>
    {children}
  </header>
);
