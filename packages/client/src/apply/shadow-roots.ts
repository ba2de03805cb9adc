/** Every open shadow root under `root`, nested ones included (closed ones are out of reach by design). */
export function openShadowRoots(root: ParentNode = document): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(element.shadowRoot, ...openShadowRoots(element.shadowRoot));
  }
  return found;
}
