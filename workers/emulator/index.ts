import { emulatorApp } from './app';

export { EmulatedShop } from './shop/EmulatedShop';

export default emulatorApp;
