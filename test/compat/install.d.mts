export interface CompatCli {
  version: string;
  alias: string;
  /** The copied binary, in a folder of its own. */
  bin: string;
  /** The installed npm package (holds dist/daemon.js and dist/auth-cli.js of the reference). */
  packageDir: string;
}
export type EnsureResult = { ok: true; cache: string; clis: CompatCli[] } | { ok: false; reason: string };
export declare const VERSIONS: { version: string; alias: string }[];
export declare function cacheDir(env?: NodeJS.ProcessEnv): string;
export declare function binaryName(platform?: string, arch?: string): string | undefined;
export declare function ensureClis(options?: { log?: (line: string) => void; env?: NodeJS.ProcessEnv }): EnsureResult;
