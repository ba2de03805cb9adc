/**
 * Every field present and defined: what a partial settings object is once its defaults are filled in.
 * `Required<T>` keeps an explicit `| undefined` under `exactOptionalPropertyTypes`, and zod's optional
 * fields have one.
 */
export type Filled<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
