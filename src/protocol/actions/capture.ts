// The contracts of the capture actions (handlers: src/builtins/capture.ts).
import { filePath, selector } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';

export const pdf = contract({
  name: 'pdf',
  summary: 'Save the active tab as a PDF (headless Chromium only); format defaults to Letter.',
  params: z.object({
    path: filePath,
    format: z.enum(['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6']).optional(),
  }),
  group: 'reading',
  cli: [
    {
      id: 'pdf',
      args: [{ name: 'path', param: 'path', file: true, required: true, description: 'File to write' }],
      flags: {
        format: { param: 'format', description: 'Paper format (default Letter).' },
      },
      fast: true,
      examples: ['<%= config.bin %> pdf page.pdf', '<%= config.bin %> pdf report.pdf --format A4'],
    },
  ],
});

export const screenshot = contract({
  name: 'screenshot',
  summary:
    'A PNG or JPEG of the viewport, the full page or one element; saved to path (or, with annotate or screenshotDir, to a generated file), else returned as base64. annotate numbers the interactive elements by ref.',
  params: z.object({
    path: filePath
      .optional()
      .describe(
        'File to write. Without it the answer is {base64}, unless annotate or screenshotDir is sent (then a file is saved in screenshotDir or the temp folder)',
      ),
    fullPage: z.boolean().optional(),
    selector: selector.optional(),
    format: z.enum(['png', 'jpeg']).optional(),
    quality: z.number().min(0).max(100).optional(),
    annotate: z
      .boolean()
      .optional()
      .describe('Number the interactive elements on the image; the answer lists each number with its ref (a fresh interactive snapshot)'),
    screenshotDir: filePath.optional().describe('Folder for a screenshot sent without a path (a generated file name)'),
  }),
  group: 'core',
  cli: [
    {
      id: 'screenshot',
      summary: 'Save a screenshot of the viewport, the full page or one element.',
      description: 'Without a path the file goes to the system temp folder (agent-browser/screenshots); the path printed is absolute.',
      args: [{ name: 'path', param: 'path', file: true, description: 'File to write (.png or .jpg)' }],
      flags: {
        full: { param: 'fullPage', char: 'f', description: 'Capture the whole scrollable page.' },
        selector: { param: 'selector', char: 's', description: 'Capture only this element.' },
        format: { param: 'format', description: 'Image format (default from the file extension, else png).' },
        quality: { param: 'quality', description: 'JPEG quality.' },
        annotate: { param: 'annotate', description: 'Number the interactive elements on the image and print which ref each number is.' },
      },
      omits: { screenshotDir: 'the CLI always names the file (the path argument, or one in the temp folder)' },
      finish: 'screenshot',
      fast: true,
      examples: [
        '<%= config.bin %> screenshot page.png',
        '<%= config.bin %> screenshot --full',
        '<%= config.bin %> screenshot card.jpg --selector @e7 --quality 80',
        '<%= config.bin %> screenshot --annotate',
      ],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [pdf, screenshot];
