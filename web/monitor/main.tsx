import 'uplot/dist/uPlot.min.css';
import '../ui/design.css';
import '../backOffice/signIn.css';
import './monitor.css';
import { render } from 'hono/jsx/dom';
import { MonitorPage } from './MonitorPage';

const root = document.getElementById('monitor');
if (root) render(<MonitorPage />, root);
