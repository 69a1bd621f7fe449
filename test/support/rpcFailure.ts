/**
 * The error a Durable Object call that must fail ended with. `expect(call).rejects` would do, but
 * on an RPC promise it leaves the rejection reported as unhandled.
 */
export const rpcFailure = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error,
  );
