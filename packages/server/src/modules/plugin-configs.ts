/** What a plugin's config change is handed to: the plugin kind, which calls the active plugin's `updateConfig()`. */
export type ConfigListener = (name: string, config: unknown) => Promise<void>;

/** The config each plugin gets in `initialize(config)`; a change also reaches the active plugin. */
export class PluginConfigs {
  readonly #configs: Map<string, unknown>;
  #listener?: ConfigListener;

  constructor(initial: Record<string, unknown> = {}) {
    this.#configs = new Map(Object.entries(initial));
  }

  /** The config of plugin `name`: `{}` until one is set. */
  get(name: string): unknown {
    return this.#configs.has(name) ? this.#configs.get(name) : {};
  }

  /** Sets a plugin's config for its next `initialize()`, and resolves once the active one took it. */
  async set(name: string, config: unknown): Promise<void> {
    this.#configs.set(name, config);
    await this.#listener?.(name, config);
  }

  onChange(listener: ConfigListener): void {
    this.#listener = listener;
  }
}
