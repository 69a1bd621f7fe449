import '../ui/design.css';
import './signIn.css';
import './backOffice.css';
import { render } from 'hono/jsx/dom';
import { BackOffice } from './BackOffice';
import { BACK_OFFICE_ROOT_ID } from './backOfficeRoot';

const root = document.getElementById(BACK_OFFICE_ROOT_ID);
if (root) render(<BackOffice />, root);
