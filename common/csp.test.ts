import { describe, expect, it } from 'vitest';
import { rendererCsp, withMetaCsp } from './csp';

describe('renderer CSP', () => {
  it('allows only our own scripts, no plugins, no base or form tricks', () => {
    const csp = rendererCsp();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('frame-ancestors'); // ignored in a meta tag
  });

  it('the header form pins the WebSocket port and forbids framing', () => {
    const csp = rendererCsp({ wsPort: 4321, frameAncestors: true });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4321 ws://localhost:4321");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('is put first in the head of the built index.html (Electron loads it from file://)', () => {
    const html = withMetaCsp(
      '<!doctype html><html><head><meta charset="utf-8" /></head><body></body></html>',
    );
    expect(html).toMatch(
      /<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/,
    );
  });
});
