// The status line's name for a source, e.g. `/dev/ttyACM0 @ 115200`. Caller: session-hub.ts.
import type { SourceSpec } from '../../shared/api/contract';

export function sourceLabel(spec: SourceSpec): string {
  if (spec.kind === 'serial') return `${spec.path} @ ${spec.baudRate}`;
  if (spec.kind === 'mqtt') return `MQTT: ${spec.url} ${spec.topics.join(' ')}`;
  if (spec.kind === 'replay') return `Replay: ${spec.path.split(/[\\/]/).pop() ?? spec.path} (x${spec.speed})`;
  return 'Demo';
}
