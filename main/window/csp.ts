// The page's Content-Security-Policy, sent as a header by the app:// protocol and the browser-mode
// server (and mirrored in renderer/index.html's meta tag). No 'unsafe-eval': tfjs runs its ESM
// build; 'wasm-unsafe-eval' only lets the tfjs wasm backend compile its shipped .wasm files.
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  // Why: 'self' covers the browser-mode WebSocket on the same host; nothing else may be fetched.
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'frame-src': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
