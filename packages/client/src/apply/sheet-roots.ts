/**
 * Every place a stylesheet of this page can live, in one walk of the DOM: the document, open shadow
 * roots (nested ones included), and the same inside same-origin iframes that do not run their own
 * SDK (those update themselves). Closed shadow roots and cross-origin frames are out of reach by design.
 */
export function sheetRoots(doc: Document = document): ParentNode[] {
  const roots: ParentNode[] = [doc];
  // `roots` grows while it is walked: each root found is searched in turn.
  for (const root of roots) {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
      const inner = element.localName === 'iframe' ? frameDocument(element as HTMLIFrameElement) : undefined;
      if (inner) roots.push(inner);
    }
  }
  return roots;
}

function frameDocument(frame: HTMLIFrameElement): Document | undefined {
  try {
    // A cross-origin frame's document reads as null (or throws in some browsers).
    const inner = frame.contentDocument;
    return inner && !(frame.contentWindow as (Window & { hothub?: unknown }) | null)?.hothub ? inner : undefined;
  } catch {
    return undefined;
  }
}
