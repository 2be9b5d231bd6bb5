import { Args } from '@oclif/core';

/** A positional number argument (integers, decimals and negative values such as -33.86). */
export function numberArg(options: { description: string; required?: boolean; default?: number }) {
  return Args.custom<number>({
    parse: async (input) => {
      const value = Number(input);
      if (input.trim() === '' || !Number.isFinite(value)) throw new Error(`Expected a number but received: ${input}`);
      return value;
    },
  })(options as never);
}
