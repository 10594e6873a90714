// What every local sandbox's HTTP server does the same way: read a request's body and answer.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const sendText = (res: ServerResponse, status: number, contentType: string, text: string) => {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

export const sendJson = (res: ServerResponse, status: number, body: unknown) => sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
