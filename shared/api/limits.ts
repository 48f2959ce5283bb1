// The app API's channel names and size limits, shared by both transports (IPC and WebSocket).
// Callers: main/ipc, main/server, main/preload, renderer/src/api, and the schemas in shared/api.

/** IPC channel prefix: command `listPorts` travels on `sensorcast:listPorts`. */
export const CHANNEL_PREFIX = 'sensorcast:';
/** The one IPC channel for events from main to the page. */
export const EVENT_CHANNEL = 'sensorcast:event';

/** Largest file a page may upload (a dropped CSV), bytes; it travels in chunks (uploadStart/Chunk/Finish). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Bytes of file per uploadChunk: main holds at most one chunk per upload, the rest is on disk. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Largest model weights blob, base64 characters (about 24 MB of float32 weights). */
export const MAX_WEIGHTS_CHARS = 32 * 1024 * 1024;
/** Largest single message over the WebSocket, bytes (a forecast export's rows or model weights, plus JSON overhead). */
export const MAX_MESSAGE_BYTES = 65 * 1024 * 1024;
/** Most rows a forecast export may carry. */
export const MAX_EXPORT_ROWS = 2_000_000;
