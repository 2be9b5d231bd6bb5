import { ActionError, type ActionContext } from 'agent-browser-host';

/** What is read from the live DOM of the active frame. */
export interface Capture {
  /** The element's outer HTML (element scope) or the body's inner HTML (page scope), cleaned. */
  html: string;
  /** The head's inner HTML (title, meta, JSON-LD) for Readability's metadata; empty for an element. */
  head: string;
  title: string;
  url: string;
  lang: string;
}

/** Reads the whole document of the active frame as it is now (scripts' changes included). */
export async function capturePage(ctx: ActionContext, timeout: number): Promise<Capture> {
  const frame = await ctx.frame();
  const read = () => withinTimeout(timeout, () => frame.evaluate(readDom, null));
  try {
    return await read();
  } catch (error) {
    // A navigation that lands between the call and the evaluation destroys the context: read the new document.
    if (!(error instanceof Error) || !/Execution context was destroyed|navigation/i.test(error.message)) throw error;
    await frame.waitForLoadState('domcontentloaded', { timeout }).catch(() => undefined);
    return read();
  }
}

/** Reads one element (a selector or a snapshot ref), waiting up to `timeout` for it to exist. */
export function captureElement(ctx: ActionContext, selector: string, timeout: number): Promise<Capture> {
  return ctx.element(selector, (locator) => locator.evaluate(readDom, null, { timeout }));
}

async function withinTimeout<T>(limit: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ActionError('TIMEOUT', `Timed out after ${limit} ms reading the page (is a script blocking it?).`)), limit);
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs in the page: copies `root` (or the body) into an inert document, dropping what a reader does
 * not see (scripts, styles, embeds, `display:none` subtrees, text under `visibility:hidden`),
 * flattening open shadow roots, and making link and image URLs absolute against the base URI.
 * The inert document runs no custom-element constructors and loads no images.
 * An element asked for explicitly is converted even when it is hidden itself (its own
 * `display:none` or `visibility:hidden`); hidden parts inside it are still dropped.
 */
export function readDom(root: Element | null): Capture {
  const DROPPED = new Set([
    'script',
    'style',
    'noscript',
    'template',
    'svg',
    'canvas',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'link',
    'meta',
    'base',
    'title',
    'head',
    'select',
    'datalist',
    'video',
    'audio',
    'source',
    'track',
    'map',
  ]);
  const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original'];
  const inert = document.implementation.createHTMLDocument('');
  const absolute = (value: string) => {
    try {
      return new URL(value, document.baseURI).href;
    } catch {
      return '';
    }
  };
  const copyOf = (element: Element): Element => {
    let copy: Element;
    try {
      copy = inert.createElementNS(element.namespaceURI, element.localName);
    } catch {
      copy = inert.createElement('span');
    }
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.startsWith('on')) continue;
      try {
        copy.setAttribute(attribute.name, attribute.value);
      } catch {
        // Framework attributes such as `@click` are not valid attribute names for setAttribute.
      }
    }
    if (element instanceof HTMLAnchorElement || element instanceof HTMLAreaElement) {
      if (element.hasAttribute('href')) copy.setAttribute('href', element.href);
    } else if (element instanceof HTMLImageElement) {
      let source = element.currentSrc || element.src;
      if (!source || source.startsWith('data:')) {
        const lazy = LAZY_SOURCES.map((name) => element.getAttribute(name)).find((value) => value);
        if (lazy) source = absolute(lazy);
      }
      if (source) copy.setAttribute('src', source);
      else copy.removeAttribute('src');
      copy.removeAttribute('srcset');
      copy.removeAttribute('sizes');
    } else if (element instanceof HTMLInputElement) {
      if (element.checked) copy.setAttribute('checked', '');
      else copy.removeAttribute('checked');
    }
    return copy;
  };

  // visibility:hidden is inherited but can be undone below, so text is kept by its parent's value.
  const walk = (node: Node, parentVisible: boolean, checkVisibility: boolean, isRoot: boolean): Node | null => {
    if (node.nodeType === Node.TEXT_NODE) return parentVisible ? inert.createTextNode(node.nodeValue ?? '') : null;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const element = node as Element;
    if (!isRoot && DROPPED.has(element.localName)) return null;
    const style = getComputedStyle(element);
    if (!isRoot && style.display === 'none') return null;
    const visible = !checkVisibility || style.visibility === 'visible';
    if (!visible && element.localName === 'img') return null;
    const copy = copyOf(element);
    let children: ArrayLike<Node> = element.shadowRoot ? element.shadowRoot.childNodes : element.childNodes;
    if (element instanceof HTMLSlotElement) {
      const assigned = element.assignedNodes({ flatten: true });
      if (assigned.length > 0) children = assigned;
    }
    for (const child of Array.from(children)) {
      const childCopy = walk(child, visible, checkVisibility, false);
      if (childCopy) copy.appendChild(childCopy);
    }
    return copy;
  };

  const meta = { title: document.title, url: document.URL, lang: document.documentElement?.lang ?? '' };
  if (root) {
    const copy = walk(root, true, getComputedStyle(root).visibility === 'visible', true) as Element;
    return { html: copy.outerHTML, head: '', ...meta };
  }
  const body = document.body ?? document.documentElement;
  const copy = walk(body, true, true, true) as Element;
  const head = document.head ? (inert.importNode(document.head, true) as HTMLElement) : null;
  head?.querySelectorAll('script:not([type="application/ld+json"]), style, link, noscript, template, base').forEach((element) => element.remove());
  return { html: copy.innerHTML, head: head?.innerHTML ?? '', ...meta };
}
