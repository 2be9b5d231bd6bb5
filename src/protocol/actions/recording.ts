// The contracts of the recording actions (handlers: src/builtins/recording.ts).
import { z } from '../zod.js';
import { filePath } from '../schemas.js';
import { contract } from '../contract.js';
import { none } from '../schemas.js';

export const recordingStart = z.object({ path: filePath, url: z.string().min(1).optional() });

export const recording_restart = contract({
  name: 'recording_restart',
  summary: 'Stop the current recording (if any), saving it, and start a new one.',
  params: recordingStart,
  group: 'debug',
  cli: [
    {
      id: 'record:restart',
      args: [
        { name: 'path', param: 'path', file: true, required: true, description: 'Video file for the new recording (.webm; must not exist)' },
        { name: 'url', param: 'url', url: true, description: 'Open this URL once the new recording runs' },
      ],
      fast: true,
      examples: ['<%= config.bin %> record restart take2.webm', '<%= config.bin %> record restart take2.webm example.com/checkout'],
    },
  ],
});

export const recording_start = contract({
  name: 'recording_start',
  summary:
    'Record to a WebM video: the active page reopens (or url opens) in a window of its own with the session’s cookies and storage; stop closes it and the tab as it was is active again.',
  params: recordingStart,
  group: 'debug',
  cli: [
    {
      id: 'record:start',
      args: [
        { name: 'path', param: 'path', file: true, required: true, description: 'Video file to write (.webm; must not exist)' },
        { name: 'url', param: 'url', url: true, description: 'Open this URL once recording runs (default: the current page)' },
      ],
      fast: true,
      examples: ['<%= config.bin %> record start demo.webm', '<%= config.bin %> record start demo.webm example.com'],
    },
  ],
});

export const recording_stop = contract({
  name: 'recording_stop',
  summary: 'Stop recording and save the WebM video.',
  params: none,
  group: 'debug',
  cli: [
    {
      id: 'record:stop',
      fast: true,
      examples: ['<%= config.bin %> record stop'],
    },
  ],
});

export const video_start = contract({
  name: 'video_start',
  summary: 'Record the active tab to a WebM video (same as recording_start, without a URL).',
  /** video_start: the reference's field, recorded like recording_start. */
  params: z.object({ path: filePath.describe('Where to save the .webm video') }),
  group: 'debug',
});

export const video_stop = contract({
  name: 'video_stop',
  summary: 'Stop the video recording and save it.',
  params: none,
  group: 'debug',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [recording_restart, recording_start, recording_stop, video_start, video_stop];
