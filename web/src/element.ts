// Builds DOM nodes without ever parsing HTML: strings become text nodes and attributes are set one by
// one, so a resource name or tag value from the index can only ever show up as text.

export type Child = Node | string | number | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Only in-page links (`#...`) and same-directory API paths: never a scheme the data could choose. */
  href?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.href !== undefined) node.setAttribute('href', safeHref(props.href));
  for (const [name, value] of Object.entries(props.attributes ?? {})) node.setAttribute(name, value);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** A hash link, or a relative path of plain characters; anything else becomes an inert `#`. */
function safeHref(href: string): string {
  return href.startsWith('#') || /^[a-z][a-z0-9./_-]*$/.test(href) ? href : '#';
}
