// A public-API client bound to one base URL. test/support/api.ts's `call` always targets the
// cloud the global setup provides; the leak test runs a second cloud, so the walker and the world
// builder take a client instead.
import type { ApiResponse } from '../support/api.ts';

export type CallOptions = { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> };
export type Api = {
  baseUrl: string;
  call: <T = Record<string, any>>(method: string, path: string, options?: CallOptions) => Promise<ApiResponse<T> & { text: string }>;
};

export const apiAt = (baseUrl: string): Api => ({
  baseUrl,
  call: async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    // A body that is not JSON is kept as text, so a route answering HTML or CSV is still scanned.
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body: body as never, text };
  },
});
