// The contracts of the stream actions (handlers: src/builtins/stream.ts).
import { contract } from '../contract.js';
import * as params from '../params/stream.js';
import { none } from '../schemas.js';

export const screencast_start = contract({
  name: 'screencast_start',
  summary: 'Keep the live view screencast running with these options, watched or not (needs the stream on).',
  params: params.screencastStart,
  group: 'debug',
});

export const screencast_stop = contract({
  name: 'screencast_stop',
  summary: 'End screencast_start: the screencast then runs only while viewers are connected, with the default options.',
  params: none,
  group: 'debug',
});

export const stream_enable = contract({
  name: 'stream_enable',
  summary: 'Turn on the live view stream (a WebSocket on 127.0.0.1) unless it runs; answers its port.',
  params: params.streamEnable,
  lane: 'control',
  group: 'debug',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [screencast_start, screencast_stop, stream_enable];
