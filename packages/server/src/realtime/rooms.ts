import type { KindName, Subscription } from '@hothub/shared';

/** The room of sockets that want every event: all of them unless they subscribe. */
export const ALL_ROOM = 'all';

/** Rooms a socket joins: `all`, or one per subscribed kind (`kind:style`) and artifact (`id:style/main.css`). */
export function roomsOf(subscription: Subscription | undefined): string[] {
  if (!subscription?.kinds?.length && !subscription?.ids?.length) return [ALL_ROOM];
  return [...(subscription.kinds ?? []).map((kind) => `kind:${kind}`), ...(subscription.ids ?? []).map((id) => `id:${id}`)];
}

/** Rooms an event about an artifact goes to; socket.io sends it once to a socket in several of them. */
export function eventRooms(target: { kind: KindName; id: string }): string[] {
  return [ALL_ROOM, `kind:${target.kind}`, `id:${target.kind}/${target.id}`];
}

/** Whether a socket in `rooms` gets events about `target` (for events sent to one socket, as in a replay). */
export function wants(rooms: ReadonlySet<string>, target: { kind: KindName; id: string }): boolean {
  return eventRooms(target).some((room) => rooms.has(room));
}
