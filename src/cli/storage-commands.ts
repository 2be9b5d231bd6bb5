import { Args } from '@oclif/core';
import { ActionCommand } from './base.js';

/**
 * Bases of the `storage local|session …` commands, in the reference's word order:
 * `storage local` (everything), `storage local get [key]`, `storage local set <key> <value>`,
 * `storage local clear`. Each command file names its storage type.
 */
export type StorageType = 'local' | 'session';

abstract class StorageCommand extends ActionCommand {
  /** Which storage the command reads or writes. */
  static storageType: StorageType;

  protected get storageType(): StorageType {
    return (this.ctor as unknown as typeof StorageCommand).storageType;
  }
}

export const keyArg = Args.string({ description: 'The key to read (all keys when omitted)' });

/** `storage_get`: one key prints its value; all keys print as JSON. */
export abstract class StorageGetCommand extends StorageCommand {
  static override actions = ['storage_get'];
  protected override fallbackOutput = 'json' as const;

  protected request(args: Record<string, unknown>) {
    return { action: 'storage_get', type: this.storageType, key: args.key };
  }
}

export abstract class StorageSetCommand extends StorageCommand {
  static override actions = ['storage_set'];
  static override args = {
    key: Args.string({ description: 'Key', required: true }),
    value: Args.string({ description: 'Value (a string; quote JSON)', required: true }),
  };

  protected request(args: Record<string, unknown>) {
    return { action: 'storage_set', type: this.storageType, key: args.key, value: args.value };
  }
}

export abstract class StorageClearCommand extends StorageCommand {
  static override actions = ['storage_clear'];

  protected request() {
    return { action: 'storage_clear', type: this.storageType };
  }
}
