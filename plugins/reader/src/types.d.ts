// Just enough of turndown 7 and @joplin/turndown-plugin-gfm, which ship no type declarations.
// Turndown parses strings with its own DOM (domino) and hands those nodes to rules.

declare module 'turndown' {
  namespace TurndownService {
    /** The parts of turndown's DOM nodes the rules here read. */
    interface Node {
      nodeName: string;
      nodeType: number;
      textContent: string | null;
      parentNode: Node | null;
      nextSibling: Node | null;
      firstChild: Node | null;
      children: ArrayLike<Node>;
      className?: string;
      getAttribute(name: string): string | null;
      querySelector(selector: string): Node | null;
    }

    type Filter = string | string[] | ((node: Node, options: Options) => boolean);

    interface Rule {
      filter: Filter;
      replacement(content: string, node: Node, options: Options): string;
    }

    interface Options {
      headingStyle?: 'setext' | 'atx';
      hr?: string;
      bulletListMarker?: '-' | '+' | '*';
      codeBlockStyle?: 'indented' | 'fenced';
      fence?: '```' | '~~~';
      emDelimiter?: '_' | '*';
      strongDelimiter?: '__' | '**';
      linkStyle?: 'inlined' | 'referenced';
      br?: string;
    }

    type Plugin = (service: TurndownService) => void;
  }

  class TurndownService {
    constructor(options?: TurndownService.Options);
    turndown(html: string): string;
    use(plugins: TurndownService.Plugin | TurndownService.Plugin[]): this;
    addRule(key: string, rule: TurndownService.Rule): this;
    remove(filter: TurndownService.Filter): this;
  }

  export = TurndownService;
}

declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';

  export const gfm: TurndownService.Plugin;
  export const tables: TurndownService.Plugin;
  export const strikethrough: TurndownService.Plugin;
  export const taskListItems: TurndownService.Plugin;
  export const highlightedCodeBlock: TurndownService.Plugin;
}
