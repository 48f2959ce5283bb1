// Source status: states, kinds, counts and the status snapshot, the contract between the sources
// (main/sources), the session hub (main/session), the CLI and the page (through shared/api).
// Pure data, so it crosses IPC unchanged. Its failures are shared/errors.ts `ErrorValue`s.
import type { ErrorValue } from './errors';

/** Life cycle of a live source. `ended`: a finite source (replay without loop) ran out. The page adds `idle` (no source; shared/api/contract.ts). */
export const SOURCE_STATES = ['connecting', 'connected', 'stalled', 'disconnected', 'reconnecting', 'closed', 'ended'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export const SOURCE_KINDS = ['serial', 'replay', 'demo', 'mqtt'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Running totals of a source since it started. */
export interface SourceCounts {
  /** Samples decoded and delivered. */
  samples: number;
  /** Lines rejected by the decoder (garbage, too long, text that is not values). */
  rejected: number;
  /** Samples dropped because a consumer could not keep up. */
  dropped: number;
  /** Automatic reconnects after a disconnect or stall. */
  reconnects: number;
}

/** A snapshot of a source, sent on every state change. */
export interface SourceStatus {
  state: SourceState;
  kind: SourceKind;
  /** The port path, file path, broker URL and topics, or `demo`. */
  label: string;
  /** Channel names in the order of each sample's values. */
  channels: string[];
  /** Units by channel, where the device or file named one. */
  units: Record<string, string>;
  counts: SourceCounts;
  /** The latest error (cleared on the next successful connect). */
  lastError: ErrorValue | null;
  /** Host time (ms) of the last state change. */
  since: number;
}

export function emptyCounts(): SourceCounts {
  return { samples: 0, rejected: 0, dropped: 0, reconnects: 0 };
}
