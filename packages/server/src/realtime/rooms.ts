import type { KindName, Subscription } from '@hothub/shared';
import type { LoggedEvent } from '../pipeline/event-log.js';

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

/** The room of sockets that chose no topics: they get every `published` event (issue 17). */
export const ALL_TOPICS_ROOM = 'topics:all';

/** Rooms a socket joins for its topics: one per topic (`topic:cart`), or `topics:all` when it chose none. */
export function topicRoomsOf(topics: readonly string[] | undefined): string[] {
  return topics?.length ? topics.map((topic) => `topic:${topic}`) : [ALL_TOPICS_ROOM];
}

/** Rooms a `published` event of `topic` goes to. */
export function publishedRooms(topic: string): string[] {
  return [ALL_TOPICS_ROOM, `topic:${topic}`];
}

/** The topics a socket in `rooms` chose (empty: every topic). */
export function topicsOf(rooms: ReadonlySet<string>): string[] {
  return [...rooms].filter((room) => room.startsWith('topic:')).map((room) => room.slice('topic:'.length));
}

/** Whether a replay to a socket in `rooms` includes `event`: its artifact's or topic's rooms; a page's `runtime_error` never. */
export function replays(rooms: ReadonlySet<string>, event: LoggedEvent): boolean {
  switch (event.name) {
    case 'reloaded':
    case 'reload_failed':
      return wants(rooms, event.payload);
    case 'published':
      return publishedRooms(event.payload.topic).some((room) => rooms.has(room));
    case 'runtime_error':
      return false;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}
