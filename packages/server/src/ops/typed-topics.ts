import { type Published, type StandardOutput, type TopicSchemas, Topic, validate } from '@hothub/shared';
import { PublishRefused } from './publish-check.js';

/** `hub.topics(schemas)`: publishes only the declared topics, with data their schema accepts. */
export interface TypedTopics<S extends TopicSchemas> {
  /** Validates `data` with the topic's schema, then publishes what the schema returned; throws `PublishRefused` (400) when it does not match. */
  publish<T extends keyof S & string>(topic: T, data: StandardOutput<S[T]>, options?: { triggeredBy?: string }): Promise<Published>;
}

type Publish = (topic: string, data: unknown, options?: { triggeredBy?: string }) => Promise<Published>;

/**
 * Typed topics over any Standard Schema (zod 4 classic or mini, valibot, arktype): a topic's data is typed at
 * compile time and validated at run time, on the hub as in the SDK's `hothub.topics`.
 */
export function typedTopics<S extends TopicSchemas>(schemas: S, publish: Publish): TypedTopics<S> {
  for (const name of Object.keys(schemas)) {
    const topic = validate(Topic, name, `topic "${name}"`);
    if (!topic.ok) throw new TypeError(`hub.topics: ${topic.error.message}`);
  }
  return {
    async publish(topic, data, options) {
      const schema = schemas[topic];
      if (!schema) throw new PublishRefused(400, 'invalid', `topic "${topic}" is not one of hub.topics(): ${Object.keys(schemas).join(', ')}`);
      const result = await schema['~standard'].validate(data);
      if (result.issues) {
        const [issue] = result.issues;
        const path = issue?.path?.map((key) => String(typeof key === 'object' ? key.key : key)).join('.');
        throw new PublishRefused(400, 'invalid', `data of topic "${topic}" does not match its schema${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`);
      }
      return publish(topic, result.value, options);
    },
  };
}
