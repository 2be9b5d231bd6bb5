import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { numberArg } from '../../number-arg.js';

export default class SetGeo extends ActionCommand {
  static override summary = 'Set the geolocation pages see (and grant them the geolocation permission).';
  static override examples = ['<%= config.bin %> set geo 52.52 13.405', '<%= config.bin %> set geolocation -33.8688 151.2093 --accuracy 10'];
  static override aliases = ['set:geolocation'];
  static override actions = ['geolocation'];
  static override args = {
    latitude: numberArg({ description: 'Latitude (-90 … 90)', required: true }),
    longitude: numberArg({ description: 'Longitude (-180 … 180)', required: true }),
  };
  static override flags = { accuracy: Flags.integer({ description: 'Accuracy in meters.', min: 0 }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'geolocation', latitude: args.latitude, longitude: args.longitude, accuracy: flags.accuracy };
  }
}
