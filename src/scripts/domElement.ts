// Building DOM nodes for the widgets. Children that are strings become text nodes, so token and prompt
// text is never parsed as HTML.

export interface ElementProps {
  className?: string;
  /** Text content (set before the children are appended). */
  text?: string;
  attrs?: Record<string, string>;
}

/** A new element; `props` may be just a class name. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps | string = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const { className, text, attrs } = typeof props === "string" ? { className: props } : props;
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
