import '../ui/design.css';
import './demo.css';
import { render } from 'hono/jsx/dom';
import { browserDesk } from './browserDesk';
import { DemoPage } from './DemoPage';
import { DEMO_ROOT_ID } from './demoRoot';

/** The demo page's browser entry: renders the page again over the server's, with the desk live. */
const root = document.getElementById(DEMO_ROOT_ID);
if (root) {
  root.replaceChildren();
  render(<DemoPage desk={browserDesk()} />, root);
}
