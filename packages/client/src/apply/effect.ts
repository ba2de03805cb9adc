/** What applying an update did on this page, so the toast can say it truthfully. */
export type Effect =
  /** Stylesheets: how many `<link>`s now load the new version (0: the page does not use the sheet). */
  | { type: 'sheets'; count: number }
  /** A theme that is not the active one here: nothing to change. */
  | { type: 'inactive' }
  /** Applied as a whole (a component), or only told (server-side kinds). */
  | { type: 'applied' };
