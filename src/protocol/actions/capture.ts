// The contracts of the capture actions (handlers: src/builtins/capture.ts).
import { contract } from '../contract.js';
import * as reading from '../params/reading.js';
import * as schema from '../schemas.js';

export const pdf = contract({
  name: 'pdf',
  summary: 'Save the active tab as a PDF (headless Chromium only); format defaults to Letter.',
  params: reading.pdf,
  group: 'capture',
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
  params: schema.screenshot,
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
