import { Args, Flags } from '@oclif/core';
import { BaseCommand, CliFailure } from '../base.js';
import { batchLines, fastStep, runBatch, splitCommandLine, type BatchStep } from '../batch.js';
import { requestViaCommandClass } from '../class-request.js';
import { requestOf } from '../fast.js';
import { commandSpecs } from '../specs.js';

export default class Batch extends BaseCommand {
  static override summary = 'Run many commands in order over one connection (arguments, or one per line on stdin).';
  static override description =
    'Each argument is one command line as you would type it after agent-browser. Without arguments, steps are read from stdin, one per line: a command line, or a wire request as JSON ({"action":"click","selector":"@e2"}); empty lines and lines starting with # are skipped. Output is what each command prints, in order (with --json, one {"step","success","data","error"} line per step). The batch stops at the first failing step unless --keep-going; the exit code is 1 when any step failed.';
  static override examples = [
    '<%= config.bin %> batch "open 127.0.0.1:8080/login" "fill @e1 ada" "fill @e2 secret" "click @e3" "get url"',
    'printf \'%s\\n\' "snapshot -i" \'{"action":"click","selector":"@e2"}\' | <%= config.bin %> batch --json',
  ];
  static override strict = false;
  static override args = { steps: Args.string({ description: 'Command lines, one per argument (default: read stdin)' }) };
  static override flags = { 'keep-going': Flags.boolean({ description: 'Run the remaining steps after a step fails.' }) };

  async run(): Promise<unknown> {
    const { argv, flags } = await this.parseCommand<typeof Batch>();
    const specs = commandSpecs();
    const steps: BatchStep[] = [];
    for (const [index, line] of batchLines(argv).entries()) {
      try {
        steps.push(fastStep(specs, line, requestOf) ?? { source: line, request: (await requestViaCommandClass(this.config, splitCommandLine(line))).request });
      } catch (error) {
        throw new CliFailure(`Step ${index + 1} (${line}): ${(error as Error).message}`, (error as { code?: string }).code ?? 'INVALID_ARGUMENTS');
      }
    }
    const settings = await this.daemonSettings();
    this.remoteFlag();
    await runBatch(steps, {
      settings,
      loaded: await this.loadConfig(),
      json: flags.json,
      keepGoing: flags['keep-going'],
      prepare: (connection, started) => this.prepareDaemon(settings.session, connection, started),
    });
    return undefined;
  }
}
