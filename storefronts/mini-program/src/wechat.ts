/**
 * What the storefront uses of the mini-program runtime: the `Component` constructor its pages are
 * built with, `getApp`, and the `wx` calls the pages make (the SDK's own calls are typed in
 * `sdk/src/adapters/miniProgram.ts`).
 */
import type { NewAddressRequest } from '../../../shared/api/addresses';

interface Callbacks<R> {
  success?(result: R): void;
  fail?(error: { errMsg: string }): void;
}

export interface Wx {
  login(options: Callbacks<{ code: string }>): void;
  chooseAddress(options: Callbacks<NewAddressRequest>): void;
  showToast(options: { title: string; icon?: 'success' | 'error' | 'loading' | 'none' }): void;
  navigateTo(options: { url: string }): void;
  redirectTo(options: { url: string }): void;
  switchTab(options: { url: string }): void;
  request(
    options: {
      url: string;
      method?: string;
      header?: Record<string, string>;
      data?: unknown;
    } & Callbacks<{ statusCode: number; data: unknown }>,
  ): void;
}

declare const wx: Wx;
declare const Component: (options: object) => void;
declare const getApp: <App>() => App;

/** The page or component instance its methods see as `this`. */
export interface Instance<Data> {
  data: Data;
  setData(patch: Partial<Data>): void;
}

/** A tap's event: the tapped node's `data-*` attributes. */
export interface Tap<Dataset = Record<string, string>> {
  currentTarget: { dataset: Dataset };
}

/**
 * A page built with `Component` (WeChat supports it, and `miniprogram-simulate` renders it): its
 * page lifecycle (`onLoad`, `onUnload`, `onShareAppMessage`) among the methods.
 */
export const definePage = <Data extends object, Methods extends object>(options: {
  data: Data;
  methods: Methods & ThisType<Instance<Data> & Methods>;
}): void => Component({ options: { addGlobalClass: true }, ...options });

type PropertyType = StringConstructor | NumberConstructor | ArrayConstructor;

/** A custom component: its properties, what it renders from them and what its taps do. */
export const defineComponent = <Properties extends object, Methods extends object>(options: {
  properties: { [K in keyof Properties]: { type: PropertyType; value: Properties[K] } };
  methods?: Methods & ThisType<Instance<Properties> & Methods>;
}): void => Component({ options: { addGlobalClass: true }, ...options });

export const wechat = (): Wx => wx;
export const app = <App>(): App => getApp<App>();

/** A `wx` call with callbacks, as a Promise. */
export const called = <R>(call: (callbacks: Callbacks<R>) => void): Promise<R> =>
  new Promise((resolve, reject) => call({ success: resolve, fail: (error) => reject(new Error(error.errMsg)) }));
