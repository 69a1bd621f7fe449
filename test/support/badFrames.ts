import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/messages';

/** A binary frame written part by part, as a client's encoder would. */
export const frame = (...parts: Array<(e: encoding.Encoder) => void>): Uint8Array => {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
};

/** A sync update whose payload is cut short: a room must refuse it before any of it applies. */
export const truncatedUpdate = (): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => encoding.writeVarUint(e, 2),
    (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 1, 2])),
  );

/**
 * An awareness update that announces two entries and ends after the first. A room must refuse it
 * whole: applying the first entry alone leaves a presence no socket owns, which newcomers still see.
 */
export const awarenessCutAfterFirstEntry = (): Uint8Array => {
  const update = frame(
    (e) => encoding.writeVarUint(e, 2),
    (e) => encoding.writeVarUint(e, 1), // client id
    (e) => encoding.writeVarUint(e, 1), // clock
    (e) => encoding.writeVarString(e, '{}'),
  );
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
    (e) => encoding.writeVarUint8Array(e, update),
  );
};
