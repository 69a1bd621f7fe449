import type * as Y from 'yjs';
import { accountRoom, memberRoom } from '../../shared/rooms';
import type { Env } from '../env';
import type { OrderOutbox } from '../orders/orderOutbox';
import type { AlarmSchedule } from '../platform/alarmSchedule';
import type { RoomDoc } from '../platform/room/roomDoc';

/** What the member object's modules work with, instead of the whole object. */
export interface MemberContext {
  readonly env: Env;
  /** The member the object serves: its own name. */
  readonly memberId: string;
  /** The object's SQLite: open orders, absorptions, the alarm schedule. */
  readonly sql: SqlStorage;
  readonly schedule: AlarmSchedule;
  /** The member's accepted orders on their way to D1 (`orderOutbox.ts`). */
  readonly orderOutbox: OrderOutbox;
  /** One of the object's rooms, by name. */
  room(name: string): RoomDoc;
  /** The sockets connected to one of its rooms. */
  sockets(name: string): WebSocket[];
}

/** `member:<id>`: cart, favorites, history. */
export const memberDoc = (member: MemberContext): Y.Doc => member.room(memberRoom(member.memberId)).doc;

/** `account:<id>`: the mirror of orders, assets and coupons. */
export const accountDoc = (member: MemberContext): Y.Doc => member.room(accountRoom(member.memberId)).doc;
