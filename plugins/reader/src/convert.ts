import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { highlightedCodeBlock, strikethrough, taskListItems } from '@joplin/turndown-plugin-gfm';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import type { Capture } from './capture.js';

export interface MarkdownOptions {
  links: boolean;
  images: boolean;
}

/** Readability's findings about an article (only the ones it found). */
export interface ArticleInfo {
  title?: string;
  byline?: string;
  excerpt?: string;
  siteName?: string;
  publishedTime?: string;
  lang?: string;
}

export interface Article {
  /** The article's HTML (Readability's output), to convert. */
  html: string;
  /** The heading to put on top: empty when the article's content has its own <h1>. */
  heading: string;
  info: ArticleInfo;
}

/** Runs Readability on a captured page; `null` when the page does not look like an article. */
export function extractArticle(capture: Capture): Article | null {
  const { document } = parseHTML(
    `<!DOCTYPE html><html lang="${escapeAttribute(capture.lang)}"><head>${capture.head}</head><body>${capture.html}</body></html>`,
  );
  const doc = document as unknown as Document;
  if (!isProbablyReaderable(doc)) return null;
  const headings = Array.from(doc.querySelectorAll('h1'))
    .map((h1) => collapse(h1.textContent ?? ''))
    .filter(Boolean);
  // keepClasses: code blocks keep their `language-*` class, which becomes the fence's info string.
  const article = new Readability(doc, { keepClasses: true }).parse();
  if (!article?.content || !collapse(article.textContent ?? '')) return null;
  const title = collapse(article.title ?? '') || capture.title;
  const info: ArticleInfo = { title };
  for (const key of ['byline', 'excerpt', 'siteName', 'publishedTime', 'lang'] as const) {
    const value = collapse(article[key] ?? '');
    if (value) info[key] = value;
  }
  // Readability drops an <h1> that repeats the title: put it back (the page's only <h1>, else the title).
  const heading = /<h1[\s>]/i.test(article.content) ? '' : headings.length === 1 ? headings[0]! : title;
  return { html: article.content, heading, info };
}

/** Converts HTML to clean GFM Markdown: ATX headings, `-` bullets, fenced code, pipe tables, no HTML left. */
export function toMarkdown(html: string, options: MarkdownOptions): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  unwrapLayoutTables(document.body as unknown as Element);
  inlineTableCells(document.body as unknown as Element);
  return tidy(turndown(options).turndown(document.body.innerHTML));
}

/** Puts `# heading` on top (nothing for an empty heading). */
export function withHeading(markdown: string, heading: string): string {
  if (!heading) return markdown;
  return markdown ? `# ${heading}\n\n${markdown}` : `# ${heading}`;
}

/**
 * Cuts `markdown` to at most `max` characters at the cleanest boundary in its second half:
 * a paragraph break, else a line break, else a sentence end, else a space. A cut inside a code
 * block drops the partial block when that keeps enough, else closes its fence.
 */
export function truncate(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const minimum = Math.floor(max / 2);
  // One character more: a boundary right at `max` is a clean cut too.
  const probe = markdown.slice(0, max + 1);
  let cut = markdown.slice(0, max);
  const boundary = [probe.lastIndexOf('\n\n'), probe.lastIndexOf('\n'), lastSentenceEnd(probe), probe.lastIndexOf(' ')].find((index) => index >= minimum);
  if (boundary !== undefined) cut = probe.slice(0, boundary);
  const fence = openFence(cut);
  if (fence) {
    if (fence.start >= minimum) return cut.slice(0, fence.start).trimEnd();
    const closing = `\n${fence.marker}`;
    cut = cut.slice(0, max - closing.length);
    const lastLine = cut.lastIndexOf('\n');
    if (lastLine > fence.start) cut = cut.slice(0, lastLine);
    return `${cut.trimEnd()}${closing}`;
  }
  return cut.trimEnd();
}

/** Where the last sentence of `text` that is followed by whitespace ends (after its punctuation), or -1. */
function lastSentenceEnd(text: string): number {
  let end = -1;
  for (const match of text.matchAll(/[.!?]["')\]”’]*(?=\s)/g)) end = match.index + match[0].length;
  return end;
}

/** The fence still open at the end of `markdown`: its marker and where its opening line starts. */
function openFence(markdown: string): { marker: string; start: number } | null {
  let open: { marker: string; start: number } | null = null;
  let offset = 0;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (open) {
      if (marker && marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) open = null;
    } else if (marker) {
      open = { marker, start: offset };
    }
    offset += line.length + 1;
  }
  return open;
}

function turndown({ links, images }: MarkdownOptions): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '_',
    strongDelimiter: '**',
    // A <br> becomes a plain newline, not two trailing spaces.
    br: '',
  });
  // The GFM plugin's own table rules read `table.rows`, which turndown's DOM (domino) recomputes on
  // every access: a few hundred rows took seconds. Tables are written by pipeTables instead.
  service.use([highlightedCodeBlock, strikethrough, taskListItems, pipeTables]);
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'select', 'button']);
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement(content, node) {
      const text = collapse(content);
      return text ? `\n\n${'#'.repeat(Number(node.nodeName.charAt(1)))} ${text}\n\n` : '';
    },
  });
  service.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      if (!content.trim()) return '';
      const parent = node.parentNode;
      let marker = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1);
        marker = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const paragraph = /\n$/.test(content);
      const body =
        content
          .replace(/^\n+/, '')
          .replace(/^\[([ x])\] +/, '[$1] ')
          .replace(/\n+$/, '') + (paragraph ? '\n' : '');
      return marker + body.replace(/\n/g, `\n${' '.repeat(marker.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });
  service.addRule('codeBlock', {
    filter: 'pre',
    replacement(_content, node) {
      const code = (node.textContent ?? '').replace(/\n$/, '');
      if (!code.trim()) return '';
      const classes = `${node.querySelector('code')?.getAttribute('class') ?? ''} ${node.getAttribute('class') ?? ''}`;
      const language = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(classes)?.[1] ?? '';
      const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      return `\n\n${fence}${language}\n${code}\n${fence}\n\n`;
    },
  });
  service.addRule('link', {
    filter: (node) => node.nodeName === 'A' && Boolean(node.getAttribute('href')),
    replacement(content, node) {
      const href = node.getAttribute('href') ?? '';
      if (!links || !/^(https?|mailto|tel|ftp):/i.test(href)) return content;
      const text = collapse(content.replace(/^#{1,6} /gm, ''));
      return text ? `[${text}](${destination(href)})` : '';
    },
  });
  service.addRule('image', {
    filter: 'img',
    replacement(_content, node) {
      const src = node.getAttribute('src') ?? '';
      // data: URLs are kilobytes of base64 an LLM cannot use.
      if (!images || !/^https?:/i.test(src)) return '';
      const alt = collapse(node.getAttribute('alt') ?? '').replace(/([\\[\]])/g, '\\$1');
      return `![${alt}](${destination(src)})`;
    },
  });
  return service;
}

/**
 * GFM pipe tables. Cells are converted first (turndown works bottom-up) and remembered; the table
 * rule then lays out its own rows: the header row (from <thead>, or a first row of <th>, else an
 * empty one as GFM requires a header), `colspan` as empty cells, short rows padded, and column
 * alignment from the header cells.
 */
function pipeTables(service: TurndownService): void {
  const converted = new WeakMap<TurndownService.Node, string>();
  const remember = (content: string, node: TurndownService.Node) => {
    converted.set(node, collapse(content));
    return '';
  };
  service.addRule('tableCell', { filter: ['th', 'td', 'caption'], replacement: remember });
  service.addRule('tableParts', { filter: ['tr', 'thead', 'tbody', 'tfoot', 'colgroup', 'col'], replacement: () => '' });
  service.addRule('table', {
    filter: 'table',
    replacement(_content, table) {
      const parts = elementChildren(table);
      const rowsOf = (section: TurndownService.Node) => elementChildren(section).filter((child) => child.nodeName === 'TR');
      const head = parts.filter((part) => part.nodeName === 'THEAD').flatMap(rowsOf);
      const body = parts.flatMap((part) => (part.nodeName === 'TR' ? [part] : part.nodeName === 'TBODY' ? rowsOf(part) : []));
      const foot = parts.filter((part) => part.nodeName === 'TFOOT').flatMap(rowsOf);
      const rows = [...head, ...body, ...foot];
      if (rows.length === 0) return '';
      const headerRow = head.length > 0 || elementChildren(rows[0]!).every((cell) => cell.nodeName === 'TH') ? rows.shift()! : null;
      const cellsOf = (row: TurndownService.Node) =>
        elementChildren(row)
          .filter((cell) => cell.nodeName === 'TD' || cell.nodeName === 'TH')
          .flatMap((cell) => {
            const text = (converted.get(cell) ?? '').replace(/\|/g, '\\|');
            const span = Math.min(Math.max(Number(cell.getAttribute('colspan')) || 1, 1), 100);
            return [text, ...Array<string>(span - 1).fill('')];
          });
      const header = headerRow ? cellsOf(headerRow) : [];
      const lines = rows.map(cellsOf);
      const columns = lines.reduce((most, cells) => Math.max(most, cells.length), header.length);
      if (columns === 0) return '';
      const line = (cells: string[]) => `| ${Array.from({ length: columns }, (_, index) => cells[index] ?? '').join(' | ')} |`;
      const alignments = headerRow ? elementChildren(headerRow).map(alignmentOf) : [];
      const divider = `| ${Array.from({ length: columns }, (_, index) => alignments[index] ?? '---').join(' | ')} |`;
      const caption = parts.find((part) => part.nodeName === 'CAPTION');
      const title = caption ? converted.get(caption) : '';
      const markdown = [line(header), divider, ...lines.map(line)].join('\n');
      return `\n\n${title ? `${title}\n\n` : ''}${markdown}\n\n`;
    },
  });
}

function alignmentOf(cell: TurndownService.Node): string {
  const align = (cell.getAttribute('align') ?? /text-align:\s*(\w+)/i.exec(cell.getAttribute('style') ?? '')?.[1] ?? '').toLowerCase();
  return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
}

function elementChildren(node: TurndownService.Node): TurndownService.Node[] {
  return Array.from(node.children);
}

/** Tables that hold tables are page layout: their cells become plain blocks. */
function unwrapLayoutTables(root: Element): void {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const layout = table.querySelector('table') !== null || cellsOf(table).length <= 1;
    if (!layout) continue;
    for (const part of [...partsOf(table), table]) rename(part, 'div');
  }
}

/**
 * A pipe-table cell is one line, so block content inside cells becomes inline before conversion:
 * list items joined with "; ", code blocks as inline code, no heading or quote markers.
 */
function inlineTableCells(root: Element): void {
  for (const cell of Array.from(root.querySelectorAll('td, th'))) {
    for (const br of Array.from(cell.querySelectorAll('br, hr'))) br.replaceWith(' ');
    for (const item of Array.from(cell.querySelectorAll('li'))) {
      if (item.nextElementSibling) item.append('; ');
    }
    for (const block of Array.from(cell.querySelectorAll('pre'))) {
      rename(block, block.querySelector('code') ? 'span' : 'code');
    }
    for (const block of Array.from(
      cell.querySelectorAll(
        'p, div, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, dl, dt, dd, figure, figcaption, section, article, header, footer, address, details, summary',
      ),
    )) {
      block.before(' ');
      block.after(' ');
      rename(block, 'span');
    }
  }
}

/** The rows, sections and cells of `table` itself (not of tables nested in it). */
function partsOf(table: Element): Element[] {
  const sections = Array.from(table.children).filter((child) => ['THEAD', 'TBODY', 'TFOOT', 'TR', 'CAPTION'].includes(child.tagName));
  const rows = sections.flatMap((section) => (section.tagName === 'TR' ? [section] : Array.from(section.children).filter((child) => child.tagName === 'TR')));
  const cells = rows.flatMap((row) => Array.from(row.children).filter((child) => child.tagName === 'TD' || child.tagName === 'TH'));
  return [...cells, ...rows, ...sections];
}

function cellsOf(table: Element): Element[] {
  return partsOf(table).filter((part) => part.tagName === 'TD' || part.tagName === 'TH');
}

function rename(element: Element, tagName: string): void {
  const replacement = element.ownerDocument.createElement(tagName);
  for (const attribute of Array.from(element.attributes)) replacement.setAttribute(attribute.name, attribute.value);
  replacement.append(...Array.from(element.childNodes));
  element.replaceWith(replacement);
}

/** Trims lines, drops runs of blank lines and leading/trailing blanks; code blocks stay as they are. */
function tidy(markdown: string): string {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const raw of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence) {
      lines.push(raw);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && raw.trim() === marker) fence = null;
      continue;
    }
    if (marker) fence = marker;
    const line = raw.trimEnd();
    if (!line.trim() && (lines.length === 0 || lines[lines.length - 1] === '')) continue;
    lines.push(line.trim() ? line : '');
  }
  return lines.join('\n').trim();
}

/** A link destination without characters that would end it early. */
function destination(url: string): string {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
