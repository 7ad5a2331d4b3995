/**
 * The renderer's Content Security Policy, one definition for both ways the UI is loaded:
 * - browser mode: sent as an HTTP header by host/api/ws-transport.ts (with `connect-src` to its own port and
 *   `frame-ancestors`);
 * - Electron (file://, no HTTP headers): a <meta http-equiv> the renderer build puts in index.html
 *   (renderer/vite.config.ts). A meta CSP cannot carry `frame-ancestors`; Electron's window has no frames.
 * Both apply in browser mode; the header is the narrower one for connections.
 */
export function rendererCsp(opts: { wsPort?: number; frameAncestors?: boolean } = {}): string {
  const connect = opts.wsPort
    ? `connect-src 'self' ws://127.0.0.1:${opts.wsPort} ws://localhost:${opts.wsPort}`
    : "connect-src 'self' ws://127.0.0.1:* ws://localhost:*";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    connect,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(opts.frameAncestors ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}

/** index.html with the meta CSP as the first element of <head>. */
export function withMetaCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${rendererCsp()}" />`;
  return html.replace(/<head>/i, `<head>\n    ${meta}`);
}
