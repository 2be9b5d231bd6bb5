import { filePath, z } from '../schemas.js';

export const traceStart = z.object({ screenshots: z.boolean().optional(), snapshots: z.boolean().optional() });

export const traceStop = z.object({ path: filePath.optional() });

export const recordingStart = z.object({ path: filePath, url: z.string().min(1).optional() });

export const profilerStart = z.object({ categories: z.array(z.string().min(1)).optional() });

export const profilerStop = z.object({ path: filePath.optional() });

/** video_start: the reference's field, recorded like recording_start. */
export const videoStart = z.object({ path: filePath.describe('Where to save the .webm video') });
