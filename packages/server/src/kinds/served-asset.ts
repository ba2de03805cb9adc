/**
 * What the hub serves for a browser artifact whose served form differs from its file: a theme's
 * tokens rendered to CSS, a component with versioned imports. `http/served-assets.ts` sends `body`.
 */
export class ServedAsset {
  constructor(
    readonly contentType: string,
    readonly body: string,
    /** Changes whenever `body` does. */
    readonly version: string,
  ) {}
}
