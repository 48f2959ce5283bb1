// Builds the source a spec describes (serial port, MQTT broker, file replay, demo). Callers: the app's
// default dependencies (main/session/default-deps.ts) and the CLI (`record`, `watch`: main/cli/watch-run.ts).
import type { SourceSpec } from '../../shared/api/contract';

import { createDemoSource, type DemoOptions } from './demo-source';
import { MqttSource, type MqttSourceOptions } from './mqtt-source';
import { ReplaySource } from './replay-source';
import { SerialSource, type SerialSourceOptions } from './serial-source';
import type { Source } from './source';

/** Knobs for tests and tools; the app uses the defaults. */
export interface CreateSourceOptions {
  serial?: SerialSourceOptions;
  demo?: DemoOptions;
  mqtt?: MqttSourceOptions;
}

/** Builds the source a spec describes. Nothing is opened until `start()`. */
export function createSource(spec: SourceSpec, options: CreateSourceOptions = {}): Source {
  switch (spec.kind) {
    case 'serial':
      return new SerialSource(spec, options.serial);
    case 'replay':
      return new ReplaySource({ path: spec.path, speed: spec.speed, loop: spec.loop, rowsPerSecond: spec.rowsPerSecond });
    case 'demo':
      return createDemoSource(options.demo);
    case 'mqtt':
      return new MqttSource(spec, options.mqtt);
  }
}
