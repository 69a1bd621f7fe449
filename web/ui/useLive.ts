import { useEffect, useState } from 'hono/jsx';
import type { LiveView } from '../../sdk/src/liveView';

/**
 * A live view's value in a component: `initial` while rendering on the server and until the view
 * is open, then every new value. `open` runs once in the browser; a view with `close` is closed
 * when the component goes. The second value says why the view could not be opened (the page
 * keeps showing what it had).
 */
export const useLive = <T>(
  open: (() => Promise<LiveView<T> & { close?(): void }> | (LiveView<T> & { close?(): void })) | null,
  initial: T,
): [T, string | null] => {
  const [value, setValue] = useState<T>(initial);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let gone = false;
    let stop = () => {};
    void Promise.resolve(open()).then(
      (view) => {
        if (gone) {
          view.close?.();
          return;
        }
        setValue(view.get());
        const unsubscribe = view.subscribe(setValue);
        stop = () => {
          unsubscribe();
          view.close?.();
        };
      },
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      gone = true;
      stop();
    };
  }, []);
  return [value, failed];
};
