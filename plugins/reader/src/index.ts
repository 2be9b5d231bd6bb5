import { ActionError, defineAction, definePlugin, z, type ActionResult } from 'agent-browser-host';
import { captureElement, capturePage } from './capture.js';
import { extractArticle, toMarkdown, truncate, withHeading, type ArticleInfo } from './convert.js';

/**
 * Options of the reader plugin, set in `.agentbrowserrc.json`:
 * `"plugins": [["agent-browser-host/plugins/reader", { "maxLength": 20000, "images": true }]]`.
 * In the config every field is optional (the defaults are given below; the plugin receives the
 * resolved values). An action's own params win over these defaults.
 */
export interface ReaderOptions {
  /** Default cap on the Markdown's length in characters; 0 or absent means no cap. */
  maxLength?: number;
  /** Keep images as `![alt](url)` by default (default false: an LLM reads text). */
  images: boolean;
  /** Keep links as `[text](url)` by default (default true; false keeps only their text). */
  links: boolean;
  /** How the whole page is read by default: `article` (Readability, default) or `full`. */
  mode: 'article' | 'full';
}

const options: z.ZodType<ReaderOptions> = z.strictObject({
  maxLength: z.number().int().nonnegative().optional(),
  images: z.boolean().default(false),
  links: z.boolean().default(true),
  mode: z.enum(['article', 'full']).default('article'),
});

const params = z.object({
  selector: z
    .string()
    .min(1)
    .optional()
    .describe('Convert only this element, as it is (no Readability): CSS, Playwright selector (text=, role=, xpath=) or a snapshot ref (@e3)'),
  mode: z
    .enum(['article', 'full'])
    .optional()
    .describe("Whole page: 'article' extracts the main content (falls back to 'full' when the page is not article-like); 'full' converts everything visible"),
  maxLength: z.number().int().nonnegative().optional().describe('Cut the Markdown at a clean boundary to at most this many characters (0: no cap)'),
  links: z.boolean().optional().describe('Keep links as [text](absolute-url) (default true); false keeps their text only'),
  images: z.boolean().optional().describe('Keep images as ![alt](absolute-url); false drops them (default from the plugin options)'),
  timeout: z.number().int().positive().optional().describe('Milliseconds to wait for the element or the page (default: the action timeout)'),
});

/**
 * The reader plugin: `reader:markdown` turns the active frame's live page, or one element of it,
 * into clean GitHub-flavoured Markdown for an LLM (Readability picks the article, Turndown writes
 * the Markdown). Configure defaults with {@link ReaderOptions}.
 */
export default definePlugin<ReaderOptions>({
  name: 'reader',
  version: '0.1.0',
  options,
  apply(host, defaults) {
    host.addAction(
      defineAction({
        name: 'reader:markdown',
        summary: 'The page (its main article, or everything) or one element as clean Markdown for an LLM.',
        params,
        print: 'markdown',
        readOnly: true,
        async handler(request, ctx) {
          const timeout = request.timeout ?? ctx.timeout;
          const markdownOptions = { links: request.links ?? defaults.links, images: request.images ?? defaults.images };
          const maxLength = request.maxLength ?? defaults.maxLength ?? 0;

          let markdown: string;
          let mode: 'article' | 'full' | 'element';
          let title: string;
          let url: string;
          let info: Omit<ArticleInfo, 'title'> = {};
          let fallback = false;
          if (request.selector !== undefined) {
            if (request.mode === 'article') {
              throw new ActionError(
                'INVALID_PARAMS',
                "reader:markdown: mode 'article' reads the whole page; with a selector the element is converted as it is. Drop one of them.",
              );
            }
            const capture = await captureElement(ctx, request.selector, timeout);
            ({ title, url } = capture);
            markdown = toMarkdown(capture.html, markdownOptions);
            mode = 'element';
          } else {
            const capture = await capturePage(ctx, timeout);
            ({ title, url } = capture);
            const article = (request.mode ?? defaults.mode) === 'article' ? extractArticle(capture) : null;
            if (article) {
              const { title: articleTitle, ...rest } = article.info;
              title = articleTitle || title;
              info = rest;
              markdown = withHeading(toMarkdown(article.html, markdownOptions), article.heading);
              mode = 'article';
            } else {
              fallback = (request.mode ?? defaults.mode) === 'article';
              markdown = toMarkdown(capture.html, markdownOptions);
              mode = 'full';
            }
          }

          const truncated = maxLength > 0 && markdown.length > maxLength;
          const text = truncated ? truncate(markdown, maxLength) : markdown;
          ctx.log.debug(`reader:markdown ${mode}${fallback ? ' (fallback)' : ''}: ${text.length} of ${markdown.length} characters from ${url}`);
          const result: ActionResult = { markdown: text, title, url, mode, length: text.length, truncated };
          if (truncated) result.originalLength = markdown.length;
          // Asked for an article, got the whole page: the page did not look like one.
          if (fallback) result.fallback = true;
          return { ...result, ...info };
        },
      }),
    );
  },
});
