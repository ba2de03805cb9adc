import { openShadowRoots } from './shadow-roots.js';

/**
 * Every place a stylesheet of this page can live: the document, its open shadow roots, and the
 * same pages again inside same-origin iframes that do not run their own SDK (those update
 * themselves). Closed shadow roots and cross-origin frames are out of reach by design.
 */
export function sheetRoots(doc: Document = document): ParentNode[] {
  const roots: ParentNode[] = [doc, ...openShadowRoots(doc)];
  for (const frame of doc.querySelectorAll('iframe')) {
    const inner = sameOriginDocument(frame);
    if (inner) roots.push(...sheetRoots(inner));
  }
  return roots;
}

function sameOriginDocument(frame: HTMLIFrameElement): Document | undefined {
  try {
    // Reading a cross-origin frame's document gives null (or throws in some browsers).
    const inner = frame.contentDocument;
    const ownSdk = (frame.contentWindow as (Window & { hothub?: unknown }) | null)?.hothub;
    return inner && !ownSdk ? inner : undefined;
  } catch {
    return undefined;
  }
}
