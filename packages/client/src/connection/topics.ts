import { type Published, type StandardOutput, type TopicSchemas, Topic, validate } from '@hothub/shared';

export type TopicHandler<Data = unknown> = (data: Data, event: Published) => void;

/** `hothub.topics(schemas)`: handlers typed by each topic's schema, called only with data it accepts. */
export interface TypedTopics<S extends TopicSchemas> {
  subscribe<T extends keyof S & string>(topic: T, handler: TopicHandler<StandardOutput<S[T]>>): () => void;
}

/**
 * The page's topics of `published` events and their handlers. The set goes to the hub whenever it changes
 * (`send`) and with every handshake (`list`): the hub then sends those topics only, live and on catch-up.
 */
export class Topics {
  readonly #handlers = new Map<string, Set<TopicHandler>>();

  constructor(private readonly send: (topics: string[]) => void) {}

  list(): string[] {
    return [...this.#handlers.keys()];
  }

  subscribe(topic: string, handler: TopicHandler): () => void {
    const checked = validate(Topic, topic, 'topic');
    if (!checked.ok) throw new Error(`[hothub] subscribe: ${checked.error.message}`);
    let set = this.#handlers.get(topic);
    if (!set) {
      this.#handlers.set(topic, (set = new Set()));
      this.send(this.list());
    }
    set.add(handler);
    return () => {
      if (!set.delete(handler) || set.size) return;
      this.#handlers.delete(topic);
      this.send(this.list());
    };
  }

  /** Handlers of typed topics run a microtask after the others: a schema may validate asynchronously. */
  typed<S extends TopicSchemas>(schemas: S): TypedTopics<S> {
    return {
      subscribe: (topic, handler) =>
        this.subscribe(topic, async (data, event) => {
          const result = await schemas[topic]!['~standard'].validate(data);
          if (result.issues) console.warn(`[hothub] dropped a "${topic}" event: ${result.issues.map((i) => i.message).join('; ')}`);
          else handler(result.value, event);
        }),
    };
  }

  deliver(event: Published): void {
    for (const handler of this.#handlers.get(event.topic) ?? []) {
      try {
        handler(event.data, event);
      } catch (error) {
        console.error(`[hothub] a "${event.topic}" handler threw`, error);
      }
    }
  }
}
